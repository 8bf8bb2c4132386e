// Master data of the demo: a coach maker's stores, people, suppliers and a 300-part catalogue.
// Invented names; the part names and specs follow what a bus service network really stocks.

export const COMPANY = '中原星程客车有限公司';

export const STORES = [
  { code: 'WH-ZZ', name: '郑州总仓', kind: 'warehouse' },
  { code: 'WH-WH', name: '武汉分仓', kind: 'warehouse' },
  { code: 'ST-BJ', name: '北京服务站', kind: 'station' },
  { code: 'ST-GZ', name: '广州服务站', kind: 'station' },
  { code: 'ST-CD', name: '成都服务站', kind: 'station' },
  { code: 'OLD-ZZ', name: '郑州旧件库', kind: 'old_parts' },
] as const;
export type StoreCode = (typeof STORES)[number]['code'];

/** station: the service station a person belongs to; home: the store their parts come from. */
export const PEOPLE: { username: string; name: string; roles: string[]; station?: StoreCode; home?: StoreCode }[] = [
  { username: 'manager', name: '李志强', roles: ['service_manager'] },
  { username: 'keeper', name: '王建国', roles: ['warehouse_keeper'] },
  { username: 'dispatcher', name: '赵丽娟', roles: ['dispatcher'] },
  { username: 'finance', name: '陈秀英', roles: ['finance'] },
  { username: 'station_bj', name: '孙海涛', roles: ['station_user'], station: 'ST-BJ' },
  { username: 'station_gz', name: '黄志明', roles: ['station_user'], station: 'ST-GZ' },
  { username: 'station_cd', name: '刘春燕', roles: ['station_user'], station: 'ST-CD' },
  { username: 'tech01', name: '张伟', roles: ['technician'], home: 'WH-ZZ' },
  { username: 'tech02', name: '王磊', roles: ['technician'], home: 'WH-ZZ' },
  { username: 'tech03', name: '刘洋', roles: ['technician'], home: 'WH-ZZ' },
  { username: 'tech04', name: '杨帆', roles: ['technician'], home: 'WH-ZZ' },
  { username: 'tech05', name: '周强', roles: ['technician'], home: 'WH-WH' },
  { username: 'tech06', name: '吴军', roles: ['technician'], home: 'WH-WH' },
  { username: 'tech07', name: '郑浩', roles: ['technician'], station: 'ST-BJ', home: 'ST-BJ' },
  { username: 'tech08', name: '马超', roles: ['technician'], station: 'ST-BJ', home: 'ST-BJ' },
  { username: 'tech09', name: '何俊杰', roles: ['technician'], station: 'ST-GZ', home: 'ST-GZ' },
  { username: 'tech10', name: '罗文斌', roles: ['technician'], station: 'ST-CD', home: 'ST-CD' },
];
export const DEMO_PASSWORD = 'demo1234';

export const SUPPLIERS = [
  { code: 'SUP-WD', name: '潍坊恒动动力配件有限公司', contact: '宋经理', phone: '0536-8231456' },
  { code: 'SUP-YD', name: '玉林裕达柴油机配件有限公司', contact: '覃经理', phone: '0775-3268810' },
  { code: 'SUP-FS', name: '西安法斯达传动件有限公司', contact: '韩经理', phone: '029-86321577' },
  { code: 'SUP-WB', name: '青岛威博制动系统有限公司', contact: '高经理', phone: '0532-87651203' },
  { code: 'SUP-MC', name: '上海米驰轮胎销售有限公司', contact: '蒋经理', phone: '021-64458890' },
  { code: 'SUP-BY', name: '苏州博远汽车电子有限公司', contact: '钱经理', phone: '0512-65832147' },
  { code: 'SUP-SY', name: '上海松韵车用空调有限公司', contact: '沈经理', phone: '021-57713362' },
  { code: 'SUP-MF', name: '长春曼孚滤清器有限公司', contact: '于经理', phone: '0431-85906231' },
  { code: 'SUP-KR', name: '郑州昆润润滑油有限公司', contact: '常经理', phone: '0371-67889021' },
  { code: 'SUP-DF', name: '十堰东锋底盘件有限公司', contact: '冯经理', phone: '0719-8672345' },
  { code: 'SUP-YH', name: '福州耀华客车玻璃有限公司', contact: '林经理', phone: '0591-83456712' },
  { code: 'SUP-HJ', name: '郑州宏基车身附件有限公司', contact: '郭经理', phone: '0371-68953320' },
] as const;
type SupplierCode = (typeof SUPPLIERS)[number]['code'];

interface Item {
  name: string;
  unit: '个' | '件' | '套' | '条' | '升' | '桶';
  /** Purchase cost range in yuan. */
  cost: [number, number];
  supplier: SupplierCode;
  specs: string[];
}

// Category → [code group, items]. Code groups follow the usual bus parts numbering (1012 filters…).
export const CATEGORIES: Record<string, { group: string; items: Item[] }> = {
  发动机: {
    group: '1000',
    items: [
      { name: '活塞环组件', unit: '套', cost: [380, 650], supplier: 'SUP-WD', specs: ['WP10', 'WP12', 'WP7', 'YC6L', 'YC6MK'] },
      { name: '气缸盖垫片', unit: '件', cost: [85, 160], supplier: 'SUP-WD', specs: ['WP10', 'WP12', 'WP7', 'YC6L', 'YC6J'] },
      { name: '喷油器总成', unit: '件', cost: [1200, 2200], supplier: 'SUP-WD', specs: ['0445120347 WP10', '0445120265 WP7', '0445120357 YC6L', '0445120380 YC6MK'] },
      { name: '水泵总成', unit: '件', cost: [680, 980], supplier: 'SUP-YD', specs: ['WP10', 'WP7', 'YC6L', 'YC6J'] },
      { name: '节温器', unit: '个', cost: [60, 120], supplier: 'SUP-YD', specs: ['76℃ WP10', '83℃ YC6L', '71℃ WP7'] },
      { name: '涡轮增压器', unit: '件', cost: [4800, 7200], supplier: 'SUP-WD', specs: ['HX50W WP10', 'HX40W WP7', 'GT40 YC6L'] },
      { name: '曲轴后油封', unit: '个', cost: [45, 90], supplier: 'SUP-WD', specs: ['WP10', 'YC6L', 'WP7'] },
      { name: '曲轴前油封', unit: '个', cost: [35, 75], supplier: 'SUP-YD', specs: ['WP10', 'YC6L', 'WP7'] },
      { name: '多楔带', unit: '条', cost: [95, 180], supplier: 'SUP-YD', specs: ['8PK1875', '8PK2080', '10PK1650', '8PK1420', '10PK2240'] },
      { name: '张紧轮总成', unit: '件', cost: [260, 420], supplier: 'SUP-WD', specs: ['WP10', 'YC6L', 'WP7'] },
      { name: '硅油风扇离合器', unit: '件', cost: [1500, 2100], supplier: 'SUP-YD', specs: ['WP10', 'YC6L'] },
      { name: '机油泵', unit: '件', cost: [780, 1100], supplier: 'SUP-WD', specs: ['WP10', 'YC6L', 'WP7'] },
      { name: '燃油输油泵', unit: '件', cost: [320, 520], supplier: 'SUP-YD', specs: ['WP10', 'YC6L'] },
      { name: '进气管垫', unit: '个', cost: [12, 30], supplier: 'SUP-WD', specs: ['WP10', 'YC6L', 'WP7'] },
      { name: '气门室罩盖垫', unit: '件', cost: [40, 80], supplier: 'SUP-WD', specs: ['WP10', 'WP7', 'YC6L'] },
      { name: '发动机悬置软垫', unit: '件', cost: [150, 260], supplier: 'SUP-YD', specs: ['前 WP10', '后 WP10', '前 YC6L'] },
      { name: 'EGR阀', unit: '件', cost: [1600, 2400], supplier: 'SUP-YD', specs: ['YC6L', 'YC6MK'] },
      { name: '中冷器胶管', unit: '条', cost: [70, 140], supplier: 'SUP-WD', specs: ['φ100 进气', 'φ90 出气', 'φ110 进气'] },
      { name: '连杆瓦', unit: '套', cost: [180, 320], supplier: 'SUP-WD', specs: ['WP10 标准', 'WP10 +0.25', 'YC6L 标准'] },
      { name: '主轴瓦', unit: '套', cost: [260, 420], supplier: 'SUP-YD', specs: ['WP10 标准', 'YC6L 标准'] },
    ],
  },
  传动: {
    group: '1700',
    items: [
      { name: '离合器从动盘', unit: '件', cost: [650, 980], supplier: 'SUP-FS', specs: ['φ430 WP10', 'φ395 WP7', 'φ430 YC6L'] },
      { name: '离合器压盘', unit: '件', cost: [1100, 1600], supplier: 'SUP-FS', specs: ['φ430', 'φ395'] },
      { name: '分离轴承', unit: '个', cost: [180, 320], supplier: 'SUP-FS', specs: ['φ430', 'φ395'] },
      { name: '同步器总成', unit: '套', cost: [900, 1500], supplier: 'SUP-FS', specs: ['8JS85', '6DS100', '8JS105'] },
      { name: '变速箱油封', unit: '个', cost: [25, 60], supplier: 'SUP-FS', specs: ['输入轴', '输出轴', '副轴'] },
      { name: '换挡软轴', unit: '条', cost: [220, 380], supplier: 'SUP-FS', specs: ['2800mm', '3200mm', '3600mm'] },
      { name: '传动轴十字轴', unit: '件', cost: [150, 260], supplier: 'SUP-FS', specs: ['57×152', '52×133'] },
      { name: '离合器助力器', unit: '件', cost: [480, 720], supplier: 'SUP-FS', specs: ['φ90', 'φ100'] },
      { name: '主减速器油封', unit: '个', cost: [45, 85], supplier: 'SUP-DF', specs: ['457 后桥', '469 后桥'] },
    ],
  },
  制动: {
    group: '3500',
    items: [
      { name: '刹车片 前', unit: '套', cost: [260, 480], supplier: 'SUP-WB', specs: ['4707', '4515', '29087', '29202'] },
      { name: '刹车片 后', unit: '套', cost: [240, 420], supplier: 'SUP-WB', specs: ['4707', '4515', '29087'] },
      { name: '制动鼓', unit: '件', cost: [560, 900], supplier: 'SUP-WB', specs: ['前 410', '后 410', '前 420'] },
      { name: '制动气室', unit: '件', cost: [380, 650], supplier: 'SUP-WB', specs: ['T24/30', 'T30/30', 'T24'] },
      { name: '空气干燥器', unit: '件', cost: [850, 1300], supplier: 'SUP-WB', specs: ['4324101020', '4324100202'] },
      { name: '干燥器滤芯', unit: '个', cost: [95, 160], supplier: 'SUP-WB', specs: ['4324102227', '4329012232'] },
      { name: '手制动阀', unit: '件', cost: [420, 650], supplier: 'SUP-WB', specs: ['9617230', '9617231'] },
      { name: 'ABS轮速传感器', unit: '个', cost: [140, 260], supplier: 'SUP-WB', specs: ['直头 4410328090', '弯头 4410328080'] },
      { name: '刹车调整臂', unit: '件', cost: [220, 360], supplier: 'SUP-WB', specs: ['左', '右'] },
      { name: '制动总阀', unit: '件', cost: [950, 1400], supplier: 'SUP-WB', specs: ['4613190', '4613191'] },
      { name: '继动阀', unit: '件', cost: [360, 560], supplier: 'SUP-WB', specs: ['9730110', '9730011'] },
      { name: '制动软管', unit: '条', cost: [40, 90], supplier: 'SUP-WB', specs: ['M16 400mm', 'M16 600mm', 'M22 800mm'] },
      { name: '制动蹄片总成', unit: '套', cost: [520, 780], supplier: 'SUP-WB', specs: ['前 410', '后 410'] },
      { name: '刹车回位弹簧', unit: '个', cost: [10, 25], supplier: 'SUP-WB', specs: ['前', '后'] },
    ],
  },
  轮胎: {
    group: '3100',
    items: [
      { name: '轮胎', unit: '条', cost: [1700, 2600], supplier: 'SUP-MC', specs: ['295/80R22.5 XZE', '275/70R22.5 XZA', '12R22.5 XDA', '11R22.5 XZE'] },
      { name: '轮胎气门嘴', unit: '个', cost: [8, 20], supplier: 'SUP-MC', specs: ['TR573', 'TR575'] },
      { name: '轮毂轴承', unit: '套', cost: [260, 480], supplier: 'SUP-DF', specs: ['前 33213', '后 33118', '前 32314'] },
      { name: '轮胎螺栓', unit: '个', cost: [12, 28], supplier: 'SUP-DF', specs: ['M22×1.5 前', 'M22×1.5 后'] },
      { name: '轮辋', unit: '件', cost: [650, 950], supplier: 'SUP-MC', specs: ['22.5×8.25', '22.5×9.00'] },
      { name: '轮毂油封', unit: '个', cost: [35, 70], supplier: 'SUP-DF', specs: ['前', '后'] },
    ],
  },
  滤清器: {
    group: '1012',
    items: [
      { name: '机油滤清器', unit: '个', cost: [35, 90], supplier: 'SUP-MF', specs: ['JX0818', 'JX1023', 'LF9009', 'W962', 'JX0810'] },
      { name: '柴油滤清器', unit: '个', cost: [40, 95], supplier: 'SUP-MF', specs: ['CX0712', 'FF5622', 'CX1012', 'CX0810'] },
      { name: '油水分离器滤芯', unit: '个', cost: [80, 160], supplier: 'SUP-MF', specs: ['PL420', 'FS19925', 'PL270'] },
      { name: '空气滤清器滤芯', unit: '件', cost: [150, 320], supplier: 'SUP-MF', specs: ['K2841', 'K3046', 'K2640', 'K3250'] },
      { name: '空调滤网', unit: '件', cost: [60, 130], supplier: 'SUP-MF', specs: ['前顶置', '后顶置', '新风口'] },
      { name: '尿素泵滤芯', unit: '个', cost: [45, 90], supplier: 'SUP-MF', specs: ['2.2 型', '6.5 型'] },
      { name: '转向油罐滤芯', unit: '个', cost: [30, 60], supplier: 'SUP-MF', specs: ['ZL-1', 'ZL-2'] },
      { name: '呼吸器滤芯', unit: '个', cost: [25, 55], supplier: 'SUP-MF', specs: ['变速箱', '曲轴箱'] },
    ],
  },
  空调: {
    group: '8100',
    items: [
      { name: '空调压缩机', unit: '件', cost: [3800, 7800], supplier: 'SUP-SY', specs: ['TM31', 'TM43', 'FK40'] },
      { name: '冷凝风机', unit: '件', cost: [380, 560], supplier: 'SUP-SY', specs: ['24V 12寸', '24V 10寸'] },
      { name: '蒸发风机', unit: '件', cost: [420, 650], supplier: 'SUP-SY', specs: ['24V 双轴', '24V 单轴'] },
      { name: '膨胀阀', unit: '个', cost: [160, 320], supplier: 'SUP-SY', specs: ['H型 5RT', 'F型 7RT'] },
      { name: '储液干燥瓶', unit: '个', cost: [120, 200], supplier: 'SUP-SY', specs: ['SZ-3', 'SZ-5'] },
      { name: '空调管路', unit: '条', cost: [160, 380], supplier: 'SUP-SY', specs: ['高压 1.2m', '低压 1.5m', '高压 2.8m', '低压 3.2m'] },
      { name: '压缩机皮带', unit: '条', cost: [60, 110], supplier: 'SUP-SY', specs: ['B1600', 'B1800', 'B2000'] },
      { name: '制冷剂 R134a', unit: '桶', cost: [380, 520], supplier: 'SUP-SY', specs: ['13.6kg'] },
      { name: '空调控制面板', unit: '件', cost: [850, 1350], supplier: 'SUP-SY', specs: ['ZX-A1', 'ZX-B2'] },
      { name: '压缩机电磁离合器', unit: '件', cost: [900, 1400], supplier: 'SUP-SY', specs: ['TM31 24V', 'TM43 24V'] },
      { name: '除霜器', unit: '件', cost: [680, 980], supplier: 'SUP-SY', specs: ['24V 前围'] },
      { name: '暖风散热器', unit: '件', cost: [420, 650], supplier: 'SUP-SY', specs: ['24V 地暖'] },
    ],
  },
  电气: {
    group: '3700',
    items: [
      { name: '发电机总成', unit: '件', cost: [1800, 3200], supplier: 'SUP-BY', specs: ['28V 70A', '28V 100A', '28V 150A'] },
      { name: '起动机总成', unit: '件', cost: [2200, 3500], supplier: 'SUP-BY', specs: ['24V 6kW WP10', '24V 7.8kW YC6L'] },
      { name: '蓄电池', unit: '件', cost: [950, 1600], supplier: 'SUP-BY', specs: ['6-QW-180', '6-QW-200', '6-QW-120'] },
      { name: '前大灯总成', unit: '件', cost: [650, 1100], supplier: 'SUP-BY', specs: ['左', '右'] },
      { name: '后组合灯', unit: '件', cost: [280, 460], supplier: 'SUP-BY', specs: ['左', '右'] },
      { name: '转向灯', unit: '个', cost: [35, 80], supplier: 'SUP-BY', specs: ['侧 LED', '前 LED'] },
      { name: '继电器', unit: '个', cost: [12, 35], supplier: 'SUP-BY', specs: ['24V 40A', '24V 70A', '24V 100A'] },
      { name: '保险丝盒', unit: '件', cost: [180, 320], supplier: 'SUP-BY', specs: ['中控 A', '前舱 B'] },
      { name: '雨刮电机', unit: '件', cost: [420, 680], supplier: 'SUP-BY', specs: ['24V 120W', '24V 150W'] },
      { name: '组合仪表', unit: '件', cost: [2600, 3800], supplier: 'SUP-BY', specs: ['ZY6122 液晶', 'ZY6110'] },
      { name: '倒车雷达探头', unit: '个', cost: [80, 150], supplier: 'SUP-BY', specs: ['标准型'] },
      { name: '氮氧传感器', unit: '件', cost: [1300, 2100], supplier: 'SUP-BY', specs: ['24V 5WK9'] },
      { name: '线束', unit: '条', cost: [900, 2200], supplier: 'SUP-BY', specs: ['底盘主线束', '发动机线束', '前围线束'] },
      { name: '电源总开关', unit: '个', cost: [90, 160], supplier: 'SUP-BY', specs: ['24V 单极', '24V 双极'] },
      { name: '水温传感器', unit: '个', cost: [60, 120], supplier: 'SUP-BY', specs: ['WP10', 'YC6L'] },
      { name: '机油压力传感器', unit: '个', cost: [70, 140], supplier: 'SUP-BY', specs: ['WP10', 'YC6L'] },
      { name: '喇叭', unit: '个', cost: [60, 180], supplier: 'SUP-BY', specs: ['电喇叭 24V', '气喇叭'] },
      { name: 'LED车厢顶灯', unit: '个', cost: [90, 160], supplier: 'SUP-BY', specs: ['24V 600mm', '24V 900mm'] },
      { name: '尿素喷嘴', unit: '件', cost: [900, 1500], supplier: 'SUP-BY', specs: ['2.2 型', '6.5 型'] },
      { name: '车速传感器', unit: '个', cost: [120, 220], supplier: 'SUP-BY', specs: ['8JS 变速箱', '6DS 变速箱'] },
    ],
  },
  底盘: {
    group: '2900',
    items: [
      { name: '减震器', unit: '件', cost: [380, 650], supplier: 'SUP-DF', specs: ['前', '后', '驾驶室'] },
      { name: '空气弹簧', unit: '件', cost: [700, 1100], supplier: 'SUP-DF', specs: ['1K7045', '1K7091', '2K350'] },
      { name: '转向横拉杆球头', unit: '件', cost: [160, 280], supplier: 'SUP-DF', specs: ['左', '右'] },
      { name: '转向节主销', unit: '套', cost: [380, 600], supplier: 'SUP-DF', specs: ['φ50', 'φ45'] },
      { name: 'U型螺栓', unit: '个', cost: [35, 60], supplier: 'SUP-DF', specs: ['M24', 'M22'] },
      { name: '稳定杆衬套', unit: '个', cost: [25, 45], supplier: 'SUP-DF', specs: ['φ50', 'φ55'] },
      { name: '高度阀', unit: '件', cost: [380, 520], supplier: 'SUP-DF', specs: ['4640061000', '4640070000'] },
      { name: '转向助力泵', unit: '件', cost: [1400, 2200], supplier: 'SUP-DF', specs: ['7684', 'ZYB-1318'] },
      { name: '推力杆', unit: '件', cost: [420, 680], supplier: 'SUP-DF', specs: ['纵向 610', '横向 780'] },
      { name: '转向直拉杆', unit: '件', cost: [320, 520], supplier: 'SUP-DF', specs: ['ZY6122', 'ZY6110'] },
      { name: '钢板弹簧', unit: '件', cost: [900, 1500], supplier: 'SUP-DF', specs: ['前', '后'] },
      { name: '转向器总成', unit: '件', cost: [3200, 4600], supplier: 'SUP-DF', specs: ['8098', '8095'] },
    ],
  },
  车身: {
    group: '5000',
    items: [
      { name: '前风挡玻璃', unit: '件', cost: [1800, 2800], supplier: 'SUP-YH', specs: ['ZY6122 左', 'ZY6122 右', 'ZY6110 整体'] },
      { name: '侧窗玻璃', unit: '件', cost: [450, 800], supplier: 'SUP-YH', specs: ['推拉 1200×900', '固定 1500×900', '司机窗'] },
      { name: '后风挡玻璃', unit: '件', cost: [900, 1400], supplier: 'SUP-YH', specs: ['ZY6122', 'ZY6110'] },
      { name: '后视镜总成', unit: '件', cost: [650, 980], supplier: 'SUP-HJ', specs: ['左 电加热', '右 电加热'] },
      { name: '后视镜镜片', unit: '个', cost: [60, 110], supplier: 'SUP-HJ', specs: ['左', '右'] },
      { name: '雨刮片', unit: '条', cost: [45, 90], supplier: 'SUP-HJ', specs: ['900mm', '1000mm', '800mm'] },
      { name: '乘客门泵', unit: '件', cost: [1200, 1900], supplier: 'SUP-HJ', specs: ['内摆门', '外摆门'] },
      { name: '前保险杠', unit: '件', cost: [1600, 2400], supplier: 'SUP-HJ', specs: ['ZY6122', 'ZY6110'] },
      { name: '乘客座椅', unit: '件', cost: [650, 980], supplier: 'SUP-HJ', specs: ['双人 高靠背', '单人 折叠'] },
      { name: '司机座椅', unit: '件', cost: [2600, 3200], supplier: 'SUP-HJ', specs: ['气囊减震'] },
      { name: '安全锤', unit: '个', cost: [8, 15], supplier: 'SUP-HJ', specs: ['标准型'] },
      { name: '灭火器', unit: '个', cost: [60, 120], supplier: 'SUP-HJ', specs: ['2kg 干粉', '4kg 干粉'] },
      { name: '行李舱门锁', unit: '件', cost: [120, 220], supplier: 'SUP-HJ', specs: ['左', '右'] },
      { name: '舱门气撑', unit: '条', cost: [40, 80], supplier: 'SUP-HJ', specs: ['600N', '800N'] },
      { name: '门密封条', unit: '条', cost: [80, 150], supplier: 'SUP-HJ', specs: ['乘客门', '司机门'] },
      { name: '扶手管', unit: '条', cost: [60, 120], supplier: 'SUP-HJ', specs: ['立柱 φ32', '横杆 φ32'] },
      { name: '地板革', unit: '条', cost: [380, 560], supplier: 'SUP-HJ', specs: ['木纹 2m 宽'] },
      { name: '行李架灯', unit: '个', cost: [25, 50], supplier: 'SUP-HJ', specs: ['LED 24V'] },
    ],
  },
  油品: {
    group: '0000',
    items: [
      { name: '柴油机油 CI-4 15W-40', unit: '桶', cost: [380, 480], supplier: 'SUP-KR', specs: ['18L'] },
      { name: '柴油机油 CK-4 10W-40', unit: '升', cost: [26, 34], supplier: 'SUP-KR', specs: ['散装'] },
      { name: '柴油机油 CI-4 15W-40', unit: '升', cost: [19, 25], supplier: 'SUP-KR', specs: ['散装'] },
      { name: '齿轮油 GL-5 85W-90', unit: '桶', cost: [320, 420], supplier: 'SUP-KR', specs: ['18L'] },
      { name: '齿轮油 GL-5 85W-90', unit: '升', cost: [17, 23], supplier: 'SUP-KR', specs: ['散装'] },
      { name: '防冻液 -35℃', unit: '桶', cost: [110, 160], supplier: 'SUP-KR', specs: ['10kg', '4kg'] },
      { name: '制动液 DOT4', unit: '升', cost: [28, 40], supplier: 'SUP-KR', specs: ['散装'] },
      { name: '车用尿素', unit: '桶', cost: [35, 55], supplier: 'SUP-KR', specs: ['10kg', '20kg'] },
      { name: '锂基润滑脂 2#', unit: '桶', cost: [260, 380], supplier: 'SUP-KR', specs: ['15kg'] },
      { name: '自动变速箱油 ATF', unit: '升', cost: [30, 45], supplier: 'SUP-KR', specs: ['散装'] },
      { name: '液压油 46#', unit: '升', cost: [15, 22], supplier: 'SUP-KR', specs: ['散装'] },
      { name: '转向助力油', unit: '升', cost: [22, 30], supplier: 'SUP-KR', specs: ['散装'] },
    ],
  },
};

export interface DemoPart {
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: string;
  supplier: SupplierCode;
  /** Base purchase cost in fen. */
  cost: number;
}

/** Every catalogue combination of item and spec, in a fixed order; codes are group-serial. */
export function allParts(rand: () => number): DemoPart[] {
  const out: DemoPart[] = [];
  for (const [category, { group, items }] of Object.entries(CATEGORIES)) {
    let serial = 0;
    for (const item of items) {
      for (const spec of item.specs) {
        serial += 1;
        const [lo, hi] = item.cost;
        // Costs on a 0.50 yuan grid, like a supplier's price list.
        const cost = Math.round((lo + rand() * (hi - lo)) * 2) * 50;
        out.push({ code: `${group}-${String(serial * 10 + 10000).slice(1)}`, name: item.name, spec, unit: item.unit, category, supplier: item.supplier, cost });
      }
    }
  }
  return out;
}

/** An EAN-13 in the 69x (China) range with its check digit. */
export function ean13(n: number): string {
  const body = `692718${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}
