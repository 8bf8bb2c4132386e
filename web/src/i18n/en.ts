import type { Messages } from './zh-CN';
import { serviceEn } from '../features/service/i18n';
import { oldPartsEn } from '../features/old-parts/i18n';

/** English. */
export const en: Messages = {
  app: { title: 'Aftersales parts', short: 'Parts' },
  nav: { calls: 'Calls & letters', workOrders: 'Work orders', board: 'Dispatch board', customers: 'Customers', units: 'Units', models: 'Product models', documents: 'Documents', approvals: 'Approvals', returnsWriteOffs: 'Returns & write-offs', transfers: 'Transfers', transferReceive: 'Receive transfers', counts: 'Stock count', stats: 'Issue statistics', parts: 'Parts', receipt: 'Receive', issue: 'Issue', stock: 'Stock', myParts: 'My parts', reservations: 'Reservations', returns: 'Returns', shortages: 'Shortage requests', purchasing: 'Purchase list', mobile: 'Phone view', carryIns: 'Carry-in repairs', loaners: 'Loaner units', charges: 'Charges', invoiceRequests: 'Invoice requests', dailyReport: 'Daily report', dailyRollUp: 'Daily roll-up', oldParts: 'Old parts' },
  user: { language: 'Language', logout: 'Log out', roles: 'Roles' },
  role: { admin: 'Administrator', service_manager: 'Service manager', dispatcher: 'Dispatcher', technician: 'Technician', warehouse_keeper: 'Warehouse keeper', finance: 'Finance', station_user: 'Station' },
  login: { title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', required: 'Enter {{field}}' },
  common: {
    search: 'Search', prev: 'Previous', next: 'Next', loadMore: 'Load more', none: 'None', total: 'Total', actions: 'Actions', detail: 'Details',
    code: 'Code', name: 'Name', spec: 'Spec', unit: 'Unit', category: 'Category', salePrice: 'Sale price', alarmQty: 'Alarm qty',
    location: 'Location', supplier: 'Supplier', part: 'Part', qty: 'Qty', unitCost: 'Unit cost', lot: 'Lot', value: 'Value',
    onHand: 'On hand', reserved: 'Reserved', available: 'Available', time: 'Time', kind: 'Kind', from: 'From', to: 'To', document: 'Document',
    addLine: 'Add line', removeLine: 'Remove', required: 'Required', selectPart: 'Code, name or pinyin initials', noData: 'No data',
    retry: 'Retry', belowAlarm: 'Below alarm', status: 'Status', remark: 'Remark', again: 'New document', print: 'Print',
  },
  parts: { title: 'Parts', searchPlaceholder: 'Code / name / spec / barcode / pinyin initials', stockByLocation: 'Stock by location', lots: 'Lots', ledger: 'Ledger', receivedAt: 'Received' },
  move: { receipt: 'Receipt', issue: 'Issue', return: 'Return', consume: 'Consumed', scrap: 'Scrapped', transfer_out: 'Transfer out', transfer_in: 'Transfer in', transfer_loss: 'Transit loss', count_gain: 'Count gain', count_loss: 'Count loss', opening: 'Opening', reversal: 'Reversal' },
  receipt: {
    title: 'Receive', location: 'Into location', supplier: 'Supplier', lot: 'Lot (optional)', preview: 'Preview', post: 'Post',
    topUp: 'Top up lot {{lot}}', newLot: 'New lot', newLotNamed: 'New lot {{lot}}', posted: 'Receipt {{number}} posted',
    costFormat: 'At most two decimals',
  },
  issue: { title: 'Issue', store: 'From store', employee: 'Employee', posted: 'Issue {{number}} posted', availableHint: 'Available {{qty}}', slip: 'Issue slip' },
  print: { a4: 'Print A4', r80: '80 mm slip', pdf: 'PDF' },
  stock: {
    title: 'Stock', byPart: 'By part', byLot: 'By lot', allLocations: 'All locations', asOf: 'As of', asOfNow: 'Now', asOfNote: 'Stock at the end of {{date}} (reserved: what was still reserved then)',
    category: 'Category', allParts: 'All parts', lowCount: '{{n}} below alarm', export: 'Export Excel',
  },
  bulk: {
    edit: 'Bulk edit', selected: '{{n}} parts selected', title: 'Edit {{n}} parts', hint: 'Only the ticked fields change; if any part fails, nothing is saved.',
    archive: 'Archive', archiveSet: 'Archive', archiveUnset: 'Unarchive', archived: 'Archived', showArchived: 'Show archived', apply: 'Save changes',
    saved: '{{n}} parts changed', pickField: 'Tick at least one field to change', clear: 'Clear selection', failedRows: 'These parts could not be changed',
  },
  importer: {
    button: 'Import from Excel', title: 'Import from Excel', kind: 'Import', parts: 'Parts', suppliers: 'Suppliers', openingStock: 'Opening stock',
    template: 'Download template', choose: 'Click or drop an .xlsx file', file: 'File', allOk: 'All {{n}} rows are valid and can be imported.',
    someBad: '{{failed}} rows are invalid, {{valid}} are valid. By default nothing is imported.', importAll: 'Import {{n}} rows', goodOnly: 'Import only the {{n}} good rows',
    cancel: 'Import nothing', imported: '{{n}} rows imported', nothing: 'Nothing was imported', documents: 'Opening stock receipts: {{numbers}}',
    row: 'Row', column: 'Column', message: 'Error', export: 'Export Excel',
  },
  purchasing: {
    title: 'Purchase list', printA4: 'Print A4', pdf: 'PDF', export: 'Export Excel', noSupplier: 'No supplier set', lines: '{{n}} lines', sources: 'Sources',
    shortage: 'Shortage request', work_order: 'Work order waiting', alarm: 'Below alarm', lastCost: 'Last cost', amount: 'Est. amount', empty: 'Nothing to purchase',
    requests: 'Shortage requests', markOrdered: 'Ordered', markClosed: 'Close', updated: '{{what}} updated', description: 'Description', createdAt: 'Requested',
    groupTotal: 'Subtotal', contact: 'Contact',
  },
  holdings: {
    title: 'My parts', totalValue: 'Value in hand', returnSelected: 'Return selected', returnTo: 'Return to', returnQty: 'Qty to return',
    returned: 'Return {{number}} posted', empty: 'You hold no parts', selectToReturn: 'Tick the parts to return',
  },
  reservations: {
    title: 'Reservations', number: 'Number', expiresAt: 'Expires', openQty: 'Open qty', new: 'Reserve parts', store: 'Reserve from', forUser: 'Reserve for', forStation: 'Station',
    submit: 'Reserve', created: 'Reservation {{number}} made: the parts are held for you', cancel: 'Cancel', cancelConfirm: 'Cancel reservation {{number}}? The held quantities are released', cancelled: 'Reservation {{number}} cancelled',
    fulfil: 'Issue', fulfilTitle: 'Issue against reservation {{number}}', fulfilled: 'Issue {{number}} posted', empty: 'No reservations', mine: 'My reservations', all: 'All', createdAt: 'Reserved at', again: 'Reserve more', expiresHint: 'Leave empty to hold until issued or cancelled',
  },
  scan: {
    button: 'Scan', title: 'Scan a barcode', hint: 'Scan with a barcode scanner, or tap “Scan” to use the camera', looking: 'Looking up barcode {{code}}…', added: 'Line {{line}}: {{part}}', incremented: '{{part}}: quantity +1, now {{qty}}',
    unknown: 'No part has barcode {{code}}', createPart: 'Create this part', noCamera: 'No camera found: use a barcode scanner or pick the part by hand', noCameraApi: 'This browser cannot use the camera here (it needs HTTPS): use a barcode scanner or pick the part by hand',
    denied: 'Camera access was denied: allow it in the browser settings', busy: 'The camera is in use by another app', cameraError: 'The camera could not be opened: {{message}}', aim: 'Hold the barcode in the middle of the picture; it closes once read',
    barcode: 'Barcode', newPartTitle: 'New part', partCreated: 'Part {{code}} created and added',
  },
  shortages: {
    title: 'Shortage requests', request: 'Request shortage', requested: 'Shortage of {{qty}} requested', short: '{{qty}} short', qty: 'Quantity short', description: 'Description (for a part not in the catalogue)', mine: 'Mine only', new: 'New shortage request',
    submit: 'Submit', created: 'Shortage request submitted', empty: 'No shortage requests', createdAt: 'Requested at', requester: 'Requested by', markOrdered: 'Ordered', close: 'Close', partOrDescription: 'Pick a part or describe it',
    status: { open: 'Open', ordered: 'Ordered', closed: 'Closed' }, confirm: 'Request {{qty}} as a shortage for the purchase list?', fromReservation: 'Short when reserving', fromIssue: 'Short when issuing',
  },
  service: serviceEn,
  oldParts: oldPartsEn,
  errors: { network: 'No connection to the server: check the network and try again; what you entered is kept', server: 'Server error ({{status}}): try again later' },
  status: { draft: 'Draft', pending_approval: 'Awaiting approval', posted: 'Posted', in_transit: 'In transit', received: 'Received', rejected: 'Rejected', reversed: 'Reversed', open: 'Open', fulfilled: 'Fulfilled', cancelled: 'Cancelled', expired: 'Expired' },
  docType: { receipt: 'Receipt', issue: 'Issue', return: 'Return', write_off: 'Write-off', transfer: 'Transfer', transfer_receipt: 'Transfer receipt', count: 'Stock count', reversal: 'Reversal', reservation: 'Reservation', old_parts_in: 'Old parts in', old_parts_out: 'Old parts disposal' },
  documents: {
    title: 'Documents', type: 'Type', status: 'Status', allTypes: 'All types', allStatuses: 'All statuses', number: 'Number', createdAt: 'Created', postedAt: 'Posted',
    totalCost: 'Cost', lines: 'Lines', remarkHistory: 'Remark history', editRemark: 'Edit remark', saveRemark: 'Save remark', remarkSaved: 'Remark saved',
    moves: 'Stock moves', reverse: 'Reverse', reverseTitle: 'Reverse this move', reason: 'Reason', reasonRequired: 'Enter a reason', reversed: 'Reversed, document {{number}}',
    reprint: 'Reprint', reversedBy: 'Reversed', noHistory: 'No changes yet', changedAt: 'Changed', previous: 'Previous remark', employee: 'Employee',
  },
  counts: { title: 'Stock count', store: 'Store', open: 'Open a count sheet', sheet: 'Count sheet', openedAt: 'Opened', lot: 'Lot · unit cost', system: 'System', counted: 'Counted', variance: 'Variance', record: 'Submit for approval ({{n}} lines)', created: '{{number}} opened with {{lines}} lines', recorded: '{{number}} submitted; awaiting a manager', empty: 'No count sheets in progress', hint: 'Enter what the shelves hold and submit; only filled-in lines are submitted. The system quantity is the stock when you submit, so what moves during the count is not a variance.', locate: 'Find a part: scan or type its code or name, then Enter', notOnSheet: '{{text}} is not on this sheet', parts: 'Only these parts (optional)', cancel: 'Cancel sheet', cancelConfirm: 'Cancel count sheet {{number}}? Quantities entered are not kept.', cancelled: '{{number}} cancelled' },
  approvals: { title: 'Approvals', empty: 'Nothing awaiting approval', approve: 'Approve', reject: 'Reject', note: 'Note', approved: '{{number}} approved', rejected: '{{number}} rejected', requester: 'Requested by', value: 'Value', count: 'Stock count', countSummary: '{{counted}} lines counted, {{differing}} differ', variance: 'system {{system}} → counted {{counted}}' },
  rw: {
    title: 'Returns & write-offs', employee: 'Employee', selectEmployee: 'Choose an employee', mode: 'Action', return: 'Return to store', writeOff: 'Write off', toLocation: 'Return to',
    reason: 'Reason', consumed: 'Consumed', scrapped: 'Scrapped', workOrder: 'Work order (optional)', qty: 'Qty', held: 'Held',
    submitReturn: 'Return selected', submitWriteOff: 'Write off selected', returned: 'Return {{number}} posted', writtenOff: 'Write-off {{number}} posted', pickLines: 'Tick parts and enter quantities',
  },
  transfer: {
    title: 'Transfer', from: 'From warehouse', to: 'To station', post: 'Send transfer', posted: 'Transfer {{number}} sent, in transit',
    receiveTitle: 'Receive transfers', inTransit: 'Transfers in transit', sent: 'Sent', received: 'Received', receive: 'Confirm receipt', receivedOk: 'Received, document {{number}}',
    differences: 'Differences', noDifferences: 'Received as sent', diffLine: '{{part}}: sent {{sent}}, received {{received}}, difference {{diff}}', empty: 'No transfers in transit',
  },
  stats: {
    title: 'Issue statistics', groupBy: 'Group by', employee: 'Employee', part: 'Part', station: 'Station', period: 'Period', label: 'Item',
    issuedQty: 'Issued', returnedQty: 'Returned', consumedQty: 'Consumed', scrappedQty: 'Scrapped', netQty: 'Net', cost: 'Cost', saleValue: 'Sales', profit: 'Profit', export: 'Export Excel',
  },
  mobile: {
    todayJobs: "Today's jobs", myParts: 'Parts I hold', updatedAt: 'Updated {{time}}', reload: 'Reload', loadFailed: 'Could not load; check the connection', noJobs: 'No jobs assigned to me today',
    openReport: 'Open job / service report', details: 'Details', jobNotFound: "Work order not found (not among today's jobs)", site: 'Site', unit: 'Vehicle', fault: 'Fault', contacts: 'Contacts',
    call: 'Call', navigate: 'Navigate', yes: 'Yes', no: 'No', pendingShort: 'Pending',
    offlineNone: 'Offline — showing what was last read', offline: 'Offline — {{n}} change(s) waiting to sync', syncing: 'Syncing {{n}} change(s)…', stuck: '{{n}} change(s) could not be synced; please decide',
    offer: "This looks like a phone: the phone view shows today's jobs and the service report (works offline too)", offerOpen: 'Open phone view',
    step: { accepted: 'Accept', en_route: 'On my way', on_site: 'Arrived on site', waiting_parts: 'Waiting for parts', resume: 'Parts here, continue' },
    due: { response: 'Respond by', arrival: 'Arrive by', resolution: 'Resolve by' },
    sla: { ok: 'On time', near: 'Due soon', breached: 'Overdue' },
    status: { new: 'New', dispatched: 'Dispatched', accepted: 'Accepted', en_route: 'En route', on_site: 'On site', waiting_parts: 'Waiting for parts', resolved: 'Resolved', signed: 'Signed', closed: 'Closed', cancelled: 'Cancelled' },
    waiting: { submit: 'Report missing parts', description: 'Description (part not in the catalogue)', partOrDescription: 'Choose a part or describe it' },
    kind: { transition: 'Status change', report: 'Report edit', photo: 'Photo', submit: 'Report submission', sign: 'Customer signature' },
    reportStatus: { draft: 'Draft', submitted: 'Submitted', signed: 'Signed' },
    responsibility: { customer: 'Customer', manufacturer: 'Manufacturer', dealer: 'Dealer', supplier: 'Supplier', unknown: 'Unknown' },
    report: {
      title: 'Service report', findings: 'Findings', listen: 'Listen', look: 'Look', check: 'Check', cause: 'Cause', responsibility: 'Responsibility', actions: 'Actions taken',
      odometerKm: 'Odometer (km)', runningHours: 'Running hours', tampered: 'Tampered / modified', minutesSpent: 'Time spent (min)',
      partsUsed: 'Parts replaced', partsUsedHint: 'Only parts I hold, at most the quantity held; written off from my holding on submit', pickHeld: 'Choose a part I hold', held: 'held {{qty}}',
      reason: 'Reason', overHeld: 'More than the {{qty}} held', addUsed: 'Add a replaced part', oldParts: 'Old parts to bring back', addOld: 'Add an old part', oldSameAsUsed: 'Same as replaced',
      photos: 'Photos', takePhoto: 'Take / choose photo', photoNoRoom: 'The phone is out of storage; the photo was not kept. Sync first, then take it again', photoFailed: 'The photo could not be read',
      missing: 'Still needed: {{fields}}', submitOnSite: 'The report is submitted on site', submit: 'Submit report (job done)', pdf: 'Service report PDF',
      unavailable: 'The service report cannot be read right now; what you type is kept on the phone', notYet: 'The report can be filled in once the job is accepted',
    },
    conflict: {
      title: '{{what}} conflicts with the server', failed: '{{what}} was not saved', status: 'Status', report: 'Report', mine: 'Mine', theirs: "Server's",
      keep: 'Keep mine (re-apply on the new version)', discard: 'Discard mine', retry: 'Retry',
    },
    sign: {
      title: 'Customer signature', hint: 'Let the customer check the report and sign below', here: 'Sign here', clear: 'Clear', empty: 'Please sign first', name: "Signer's name", submit: 'Sign',
      done: 'Signed by {{name}}; the report is locked',
    },
  },
  svcx: {
    carry: {
      title: 'Carry-in repairs', new: 'Receive an item', item: 'Item', fault: 'Fault', accessories: 'Accessories', broughtBy: 'Brought by', customer: 'Customer', workOrder: 'Work order', unit: 'Unit',
      number: 'Receipt no.', technician: 'Technician', minutes: 'Time (minutes)', partsText: 'Parts used', repairNote: 'Repair note', tag: 'Repair tag', saveTag: 'Save repair tag',
      start: 'Start repair', inspect: 'Inspection', pass: 'Pass', fail: 'Fail', inspectNote: 'Inspection note', return: 'Return to customer', signerName: 'Signed by', receipt: 'Customer receipt', log: 'In/out log',
      received: 'Received', in_repair: 'In repair', inspected: 'Inspected', returned: 'Returned', tagStep: 'Repair tag', inspection_failed: 'Inspection failed', created: 'Receipt {{number}} issued', saved: 'Saved', back: 'Back to list',
    },
    loaners: {
      title: 'Loaner units', serial: 'Serial', model: 'Model', note: 'Note', add: 'Add loaner', lend: 'Lend', return: 'Take back', dueBack: 'Due back', overdue: 'Overdue', pool: 'Pool', overdueList: 'Overdue',
      available: 'Available', lent: 'Lent', maintenance: 'Maintenance', toMaintenance: 'Needs maintenance', setAvailable: 'Make available', setMaintenance: 'To maintenance', lentTo: 'Lent to', lentAt: 'Lent at', workOrder: 'Work order',
    },
    charges: {
      title: 'Charges', pickWorkOrder: 'Work order', labour: 'Labour', parts: 'Parts', travel: 'Travel', kind: 'Kind', description: 'Description', qty: 'Qty (hours/pieces/km)', rate: 'Rate', list: 'List', cost: 'Cost', charged: 'Charged', payer: 'Payer',
      customer: 'Customer', manufacturer: 'Manufacturer (warranty)', contract: 'Contract', internal: 'Internal', ledger: 'From the ledger', manual: 'Manual', add: 'Add', totals: 'Totals', requestInvoice: 'Request invoice', requested: 'Invoice requested',
      warrantyStatus: { in: 'In warranty', partial: 'Parts at cost, labour free', out: 'Out of warranty' }, locked: 'An invoice was requested; the lines are locked', warranty: 'Warranty', serviceType: 'Service type',
    },
    invoices: {
      title: 'Invoice requests', requested: 'Requested', invoiced: 'Invoiced', rejected: 'Rejected', amount: 'Amount', invoiceNo: 'Invoice no.', invoice: 'Invoice', reject: 'Reject', reason: 'Reason', requestedBy: 'Requested by', requestedAt: 'Requested at',
    },
    daily: {
      title: 'Technician daily report', rollUp: 'Manager daily roll-up', day: 'Day', technician: 'Technician', generate: 'Generate', regenerate: 'Regenerate from work orders', submit: 'Submit', submitted: 'Submitted', draft: 'Draft', missing: 'Not generated',
      minutes: 'Minutes', total: 'Total', jobs: 'Jobs', km: 'km', notes: 'Notes', lines: 'Work orders', undispatched: 'Undispatched requests', rollover: 'Rolled over', today: 'Today', totals: 'All technicians',
      save: 'Save', typeA: 'A paid', typeB: 'B contract', typeC: 'C free', typeD: 'D internal',
    },
    notifications: { title: 'Notifications', empty: 'No notifications', markRead: 'Mark read' },
  },
};
