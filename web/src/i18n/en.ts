import type { Messages } from './zh-CN';

/** English. */
export const en: Messages = {
  app: { title: 'Aftersales parts', short: 'Parts' },
  nav: { documents: 'Documents', approvals: 'Approvals', returnsWriteOffs: 'Returns & write-offs', transfers: 'Transfers', transferReceive: 'Receive transfers', stats: 'Issue statistics', parts: 'Parts', receipt: 'Receive', issue: 'Issue', stock: 'Stock', myParts: 'My parts', reservations: 'Reservations', returns: 'Returns', shortages: 'Shortage requests', purchasing: 'Purchase list' },
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
    title: 'Stock', byPart: 'By part', byLot: 'By lot', allLocations: 'All locations', asOf: 'As of', asOfNow: 'Now', asOfNote: 'Stock at the end of {{date}} (past stock has no reservations)',
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
  errors: { network: 'No connection to the server: check the network and try again; what you entered is kept', server: 'Server error ({{status}}): try again later' },
  status: { draft: 'Draft', pending_approval: 'Awaiting approval', posted: 'Posted', in_transit: 'In transit', received: 'Received', rejected: 'Rejected', reversed: 'Reversed', open: 'Open', fulfilled: 'Fulfilled', cancelled: 'Cancelled', expired: 'Expired' },
  docType: { receipt: 'Receipt', issue: 'Issue', return: 'Return', write_off: 'Write-off', transfer: 'Transfer', transfer_receipt: 'Transfer receipt', count: 'Stock count', reversal: 'Reversal', reservation: 'Reservation' },
  documents: {
    title: 'Documents', type: 'Type', status: 'Status', allTypes: 'All types', allStatuses: 'All statuses', number: 'Number', createdAt: 'Created', postedAt: 'Posted',
    totalCost: 'Cost', lines: 'Lines', remarkHistory: 'Remark history', editRemark: 'Edit remark', saveRemark: 'Save remark', remarkSaved: 'Remark saved',
    moves: 'Stock moves', reverse: 'Reverse', reverseTitle: 'Reverse this move', reason: 'Reason', reasonRequired: 'Enter a reason', reversed: 'Reversed, document {{number}}',
    reprint: 'Reprint', reversedBy: 'Reversed', noHistory: 'No changes yet', changedAt: 'Changed', previous: 'Previous remark', employee: 'Employee',
  },
  approvals: { title: 'Approvals', empty: 'Nothing awaiting approval', approve: 'Approve', reject: 'Reject', note: 'Note', approved: '{{number}} approved', rejected: '{{number}} rejected', requester: 'Requested by', value: 'Value' },
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
};
