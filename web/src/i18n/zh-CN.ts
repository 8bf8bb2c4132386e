// 简体中文 (default). The other languages mirror these keys (checked by the type of zhTW/en).
export const zhCN = {
  app: { title: '售后配件管理', short: '配件' },
  nav: { parts: '配件', receipt: '入库', issue: '出库', stock: '库存', myParts: '我的配件', reservations: '预订', returns: '返还' },
  user: { language: '语言', logout: '退出登录', roles: '角色' },
  role: { admin: '系统管理员', service_manager: '服务经理', dispatcher: '调度', technician: '技师', warehouse_keeper: '仓管', finance: '财务', station_user: '服务站' },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', required: '请输入{{field}}' },
  common: {
    search: '搜索', prev: '上一页', next: '下一页', loadMore: '加载更多', none: '无', total: '合计', actions: '操作', detail: '详情',
    code: '编码', name: '名称', spec: '规格', unit: '单位', category: '类别', salePrice: '销售价', alarmQty: '报警数量',
    location: '库位', supplier: '供应商', part: '配件', qty: '数量', unitCost: '单位成本', lot: '批号', value: '金额',
    onHand: '在库', reserved: '已预订', available: '可用', time: '时间', kind: '类型', from: '从', to: '到', document: '单据',
    addLine: '添加一行', removeLine: '删除', required: '必填', selectPart: '输入编码、名称或拼音首字母', noData: '暂无数据',
    retry: '重试', belowAlarm: '低于报警', status: '状态', remark: '备注', again: '再录一单', print: '打印',
  },
  parts: { title: '配件', searchPlaceholder: '编码 / 名称 / 规格 / 条码 / 拼音首字母', stockByLocation: '各库位库存', lots: '批次', ledger: '出入库流水', receivedAt: '入库时间' },
  move: { receipt: '入库', issue: '出库', return: '返还', consume: '核销', scrap: '报废', transfer_out: '调出', transfer_in: '调入', transfer_loss: '在途损耗', count_gain: '盘盈', count_loss: '盘亏', opening: '期初', reversal: '冲销' },
  receipt: {
    title: '入库', location: '入库库位', supplier: '供应商', lot: '批号（可选）', preview: '预览', post: '过账',
    topUp: '补充批次 {{lot}}', newLot: '新批次', newLotNamed: '新批次 {{lot}}', posted: '入库单 {{number}} 已过账',
    costFormat: '金额最多两位小数',
  },
  issue: { title: '出库', store: '出库库位', employee: '领用人', posted: '出库单 {{number}} 已过账', availableHint: '可用 {{qty}}', slip: '领料单' },
  print: { a4: 'A4 打印', r80: '80mm 小票', pdf: 'PDF' },
  stock: { title: '库存', byPart: '按配件', byLot: '按批次', allLocations: '全部库位' },
  holdings: {
    title: '我的配件', totalValue: '手中配件金额', returnSelected: '返还所选', returnTo: '返还到', returnQty: '返还数量',
    returned: '返还单 {{number}} 已过账', empty: '手中暂无配件', selectToReturn: '勾选要返还的配件',
  },
  reservations: { title: '预订', number: '单号', expiresAt: '到期', openQty: '未领数量' },
  status: { open: '未结', fulfilled: '已领', cancelled: '已取消', expired: '已过期' },
};
export type Messages = typeof zhCN;
