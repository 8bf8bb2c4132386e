import type { Messages } from './zh-CN';

/** English. */
export const en: Messages = {
  app: { title: 'Aftersales parts', short: 'Parts' },
  nav: { documents: 'Documents', approvals: 'Approvals', returnsWriteOffs: 'Returns & write-offs', transfers: 'Transfers', transferReceive: 'Receive transfers', stats: 'Issue statistics', parts: 'Parts', receipt: 'Receive', issue: 'Issue', stock: 'Stock', myParts: 'My parts', reservations: 'Reservations', returns: 'Returns' },
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
  stock: { title: 'Stock', byPart: 'By part', byLot: 'By lot', allLocations: 'All locations' },
  holdings: {
    title: 'My parts', totalValue: 'Value in hand', returnSelected: 'Return selected', returnTo: 'Return to', returnQty: 'Qty to return',
    returned: 'Return {{number}} posted', empty: 'You hold no parts', selectToReturn: 'Tick the parts to return',
  },
  reservations: { title: 'Reservations', number: 'Number', expiresAt: 'Expires', openQty: 'Open qty' },
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
