// The service side of the demo: customers with sites and coaches in each station's region, and
// every parts job of the simulation as a real work order (call → work order → dispatch → on
// site → resolved → signed → closed), moved through the service functions at the simulated clock.
import type { Ctx } from '../db.js';
import { createContact, createCustomer, createSite } from '../modules/service/customers.js';
import { createModel, createUnit } from '../modules/service/units.js';
import { logCall } from '../modules/service/calls.js';
import { setStationCoordinates } from '../modules/service/sla.js';
import { assignWorkOrder, createWorkOrder, getWorkOrder, transitionWorkOrder } from '../modules/service/work-orders.js';
import type { WorkOrderStatus } from '../modules/service/tables.js';
import { saveReport, signReport, submitReport } from '../modules/service/reports.js';
import { disposeOldParts, handInOldParts } from '../modules/service/old-parts.js';
import { signaturePng } from './signature.js';
// Parts arriving for waiting work orders notify their technicians here as in the app.
import '../modules/service/notifications.js';
import type { StoreCode } from './catalog.js';

/** What the service history needs from the running simulation. */
export interface SimulationPort {
  ctx(username: string): Ctx;
  later(minutes: number): void;
  rand(): number;
  pick<T>(xs: readonly T[]): T;
  between(lo: number, hi: number): number;
  locationId(code: StoreCode): number;
  userId(username: string): number;
}

/** Regions by the store a technician draws parts from; a station region has its station's coordinates. */
const REGIONS: Record<StoreCode, { city: string; lat: number; lng: number; station: boolean } | undefined> = {
  'WH-ZZ': { city: '郑州', lat: 34.7466, lng: 113.6253, station: false },
  'WH-WH': { city: '武汉', lat: 30.5928, lng: 114.3055, station: false },
  'ST-BJ': { city: '北京', lat: 39.9042, lng: 116.4074, station: true },
  'ST-GZ': { city: '广州', lat: 23.1291, lng: 113.2644, station: true },
  'ST-CD': { city: '成都', lat: 30.5728, lng: 104.0668, station: true },
  'OLD-ZZ': undefined,
};

const CUSTOMERS: { region: StoreCode; name: string; site: string; dLat: number; dLng: number; contract: boolean; contact: string }[] = [
  { region: 'WH-ZZ', name: '郑州公交集团第三分公司', site: '二马路公交停车场', dLat: 0.02, dLng: 0.01, contract: true, contact: '杜队长' },
  { region: 'WH-ZZ', name: '河南中原旅游客运有限公司', site: '郑东新区客运站', dLat: 0.01, dLng: 0.12, contract: false, contact: '胡经理' },
  { region: 'WH-ZZ', name: '新郑市城乡公交有限公司', site: '新郑公交总站', dLat: -0.35, dLng: 0.08, contract: false, contact: '许站长' },
  { region: 'WH-ZZ', name: '洛阳龙门旅游巴士公司', site: '洛阳龙门车场', dLat: -0.13, dLng: -1.17, contract: false, contact: '贾主任' },
  { region: 'WH-WH', name: '武汉公交集团汉口分公司', site: '汉口北停车场', dLat: 0.15, dLng: 0.02, contract: true, contact: '黄师傅' },
  { region: 'WH-WH', name: '湖北楚天校车服务有限公司', site: '光谷校车基地', dLat: -0.08, dLng: 0.1, contract: false, contact: '梅老师' },
  { region: 'ST-BJ', name: '北京首汽旅游客运有限公司', site: '丰台车辆段', dLat: -0.05, dLng: -0.1, contract: true, contact: '冯经理' },
  { region: 'ST-BJ', name: '北京通州城乡客运', site: '通州北苑车场', dLat: 0.01, dLng: 0.25, contract: false, contact: '白调度' },
  { region: 'ST-BJ', name: '承德避暑山庄旅游客运', site: '承德客运总站', dLat: 1.07, dLng: 1.53, contract: false, contact: '于站长' },
  { region: 'ST-GZ', name: '广州市第二公共汽车公司', site: '芳村停车场', dLat: -0.02, dLng: -0.04, contract: true, contact: '陈队长' },
  { region: 'ST-GZ', name: '佛山南海通勤班车服务公司', site: '南海桂城车场', dLat: -0.1, dLng: -0.12, contract: false, contact: '梁经理' },
  { region: 'ST-CD', name: '成都公交集团', site: '天府广场调度站', dLat: 0.0, dLng: 0.0, contract: true, contact: '邓主任' },
  { region: 'ST-CD', name: '四川蜀道旅游客运公司', site: '都江堰游客中心车场', dLat: 0.42, dLng: -0.45, contract: false, contact: '罗经理' },
];

const MODELS = [
  { code: 'XC6127', name: '星程 XC6127 12米旅游客车', yearsFree: 3, yearsPartsAtCost: 2, warrantyKm: 300_000 },
  { code: 'XC6105', name: '星程 XC6105 10.5米城市公交', yearsFree: 3, yearsPartsAtCost: 2, warrantyKm: 250_000 },
  { code: 'XC6661', name: '星程 XC6661 6.6米校车', yearsFree: 2, yearsPartsAtCost: 1, warrantyKm: 150_000 },
];

const FAULTS: { category: string; fault: string; type: 'A' | 'B' | 'C' }[] = [
  { category: 'engine', fault: '发动机怠速不稳，故障灯亮', type: 'C' },
  { category: 'engine', fault: '冷启动困难，排气冒黑烟', type: 'C' },
  { category: 'chassis', fault: '制动跑偏，刹车片异响', type: 'A' },
  { category: 'chassis', fault: '转向沉重，方向盘抖动', type: 'C' },
  { category: 'body', fault: '乘客门关闭不严，气泵漏气', type: 'A' },
  { category: 'body', fault: '空调不制冷，出风口温度高', type: 'B' },
  { category: 'electrical', fault: '仪表盘间歇黑屏，CAN 总线报错', type: 'C' },
  { category: 'maintenance', fault: '例行保养：换机油、三滤', type: 'B' },
];
const CALLERS = ['车队调度', '驾驶员', '车队长', '机务主管'];

/** What the technician writes in the report, by category: findings (listen/look/check), cause, actions. */
const REPORTS: Record<string, { listen: string; look: string; check: string; cause: string; actions: string; responsibility: 'manufacturer' | 'customer' | 'supplier' | 'unknown' }> = {
  engine: { listen: '怠速时缸体有异响', look: '进气管接头有油渍', check: '诊断仪读取故障码 P0300，缺火', cause: '点火线圈老化，个别缸缺火', actions: '更换点火线圈，清除故障码，路试 10 公里正常', responsibility: 'supplier' },
  chassis: { listen: '制动时左前轮有尖锐摩擦声', look: '左前制动片磨损至报警线', check: '制动距离测试偏长，左右制动力差 18%', cause: '制动片磨损到限，制动分泵回位不良', actions: '更换制动片，清洗并润滑分泵导向销，复测制动力平衡', responsibility: 'customer' },
  body: { listen: '关门时气路有漏气声', look: '乘客门气缸密封圈开裂', check: '门泵保压测试 3 分钟掉压 0.2 MPa', cause: '门泵密封件老化', actions: '更换门泵密封件，调整关门缓冲，试开关 20 次正常', responsibility: 'manufacturer' },
  electrical: { listen: '仪表黑屏时继电器有咔嗒声', look: 'CAN 线束在车架处有磨损', check: '示波器测 CAN-H 波形异常', cause: '线束固定卡扣脱落，线束磨破短路', actions: '修复线束并加装护套，重新固定卡扣，仪表恢复正常', responsibility: 'manufacturer' },
  maintenance: { listen: '发动机运转平稳', look: '机油颜色发黑，空滤较脏', check: '按保养单逐项检查，胎压、灯光正常', cause: '按里程例行保养', actions: '更换机油、机滤、空滤、柴滤，复位保养提醒', responsibility: 'customer' },
};

interface Unit {
  id: number;
  customerId: number;
  siteId: number;
  customerName: string;
  contact: string;
  /** Contract customers are promised a one-hour arrival: dispatch hurries. */
  contract: boolean;
}

export class ServiceHistory {
  private readonly units = new Map<StoreCode, Unit[]>();
  private vin = 0;

  constructor(private readonly sim: SimulationPort) {}

  /** Models, customers with a site, a contact and two to four coaches each, station coordinates. */
  async masterData(): Promise<void> {
    const admin = this.sim.ctx('admin');
    for (const [code, r] of Object.entries(REGIONS) as [StoreCode, (typeof REGIONS)[StoreCode]][]) {
      if (r?.station) await setStationCoordinates(admin, this.sim.locationId(code), r.lat, r.lng);
    }
    const models = [];
    for (const m of MODELS) models.push(await createModel(admin, m));
    for (const [i, c] of CUSTOMERS.entries()) {
      const r = REGIONS[c.region]!;
      const customer = await createCustomer(admin, {
        code: `KH-${String(i + 1).padStart(3, '0')}`,
        name: c.name,
        phone: `0${this.sim.between(10, 99)}-${this.sim.between(6_000_000, 8_999_999)}`,
        address: `${r.city}市${c.site}`,
        contract: c.contract,
        stationId: r.station ? this.sim.locationId(c.region) : null,
      });
      const site = await createSite(admin, { customerId: customer.id, name: c.site, address: `${r.city}市${c.site}`, latitude: round6(r.lat + c.dLat), longitude: round6(r.lng + c.dLng) });
      await createContact(admin, { customerId: customer.id, name: c.contact, phone: `13${this.sim.between(100_000_000, 999_999_999)}`, title: '车队联系人' });
      for (let k = this.sim.between(2, 4); k > 0; k--) {
        const model = this.sim.pick(models);
        const year = this.sim.between(2021, 2025);
        const sale = `${year}-${String(this.sim.between(1, 12)).padStart(2, '0')}-${String(this.sim.between(1, 28)).padStart(2, '0')}`;
        const unit = await createUnit(admin, {
          serial: `LXC${model.code.slice(2)}${year % 100}${String(++this.vin).padStart(6, '0')}`,
          modelId: model.id,
          customerId: customer.id,
          siteId: site.id,
          saleDate: sale,
          acceptanceDate: sale,
          dealerStationId: r.station ? this.sim.locationId(c.region) : null,
        });
        this.units.set(c.region, [...(this.units.get(c.region) ?? []), { id: unit.id, customerId: customer.id, siteId: site.id, customerName: c.name, contact: c.contact, contract: c.contract }]);
      }
      this.sim.later(5);
    }
  }

  /** A customer's call becomes a work order, dispatched to the technician, who drives out. */
  async openJob(tech: { username: string; home?: StoreCode }, opts: { maintenance?: boolean; stopAt?: WorkOrderStatus } = {}): Promise<number> {
    const home = tech.home ?? 'WH-ZZ';
    const unit = this.sim.pick(this.units.get(home) ?? this.units.get('WH-ZZ')!);
    const f = opts.maintenance ? FAULTS[FAULTS.length - 1]! : this.sim.pick(FAULTS.slice(0, -1));
    const desk = home.startsWith('ST-') && this.sim.rand() < 0.5 ? `station_${home.slice(3).toLowerCase()}` : 'dispatcher';
    const caller = `${unit.contact}（${this.sim.pick(CALLERS)}）`;
    const call = await logCall(this.sim.ctx(desk), { channel: this.sim.rand() < 0.85 ? 'phone' : 'web', caller, customerId: unit.customerId, unitId: unit.id, summary: f.fault, reply: '已登记，安排技师联系', status: 'open' });
    this.sim.later(this.sim.between(3, 20));
    const wo = await createWorkOrder(this.sim.ctx(desk), { customerId: unit.customerId, unitId: unit.id, siteId: unit.siteId, callId: call.id, serviceType: f.type, category: f.category, priority: this.sim.rand() < 0.15 ? 'high' : 'normal', fault: f.fault });
    if (opts.stopAt === 'new') return wo.id;
    const hurry = unit.contract;
    this.sim.later(hurry ? this.sim.between(2, 8) : this.sim.between(5, 40));
    await assignWorkOrder(this.sim.ctx('dispatcher'), wo.id, { technicianIds: [this.sim.userId(tech.username)], leadId: this.sim.userId(tech.username), version: wo.version });
    const steps: WorkOrderStatus[] = ['accepted', 'en_route', 'on_site'];
    for (const to of steps) {
      if (opts.stopAt && steps.indexOf(opts.stopAt) < steps.indexOf(to)) break;
      if (hurry) this.sim.later(to === 'on_site' ? this.sim.between(15, 40) : this.sim.between(1, 4));
      else this.sim.later(to === 'on_site' ? this.sim.between(30, 150) : this.sim.between(5, 30));
      await this.move(tech.username, wo.id, to);
    }
    return wo.id;
  }

  /**
   * The technician writes the service report (the parts used are consumed from their holding
   * when it is submitted), the customer signs it on the phone, dispatch closes the work order.
   * Returns the old parts the technician brings back.
   */
  async finishJob(username: string, workOrderId: number, opts: { used?: { partId: number; qty: number }[]; oldParts?: { partId: number; qty: number }[]; close?: boolean; comeback?: boolean } = {}) {
    const ctx = this.sim.ctx(username);
    let wo = await getWorkOrder(ctx, workOrderId);
    if (wo.status === 'waiting_parts') await this.move(username, workOrderId, 'on_site');
    wo = await getWorkOrder(ctx, workOrderId);
    if (wo.status !== 'on_site') return [];
    this.sim.later(this.sim.between(20, 90));
    const r = REPORTS[wo.category] ?? REPORTS.maintenance!;
    const used = opts.used ?? [];
    const oldParts = opts.oldParts ?? [];
    const draft = await saveReport(ctx, workOrderId, {
      version: 0,
      findings: { listen: r.listen, look: r.look, check: r.check },
      cause: r.cause,
      responsibility: r.responsibility,
      actions: opts.comeback ? `返修复查：${r.actions}；重新紧固相关接头，试车正常` : r.actions,
      odometerKm: String(this.sim.between(20_000, 420_000)),
      tampered: false,
      minutesSpent: this.sim.between(4, 24) * 15,
      partsUsed: used.map((u) => ({ partId: u.partId, qty: String(u.qty), reason: wo.category === 'maintenance' ? '保养更换' : '损坏更换' })),
      oldParts: oldParts.map((o) => ({ partId: o.partId, qty: String(o.qty) })),
    });
    const submitted = await submitReport(ctx, workOrderId, { version: draft.version });
    this.sim.later(this.sim.between(2, 6));
    const unit = [...this.units.values()].flat().find((u) => u.customerId === wo.customer_id);
    await signReport(ctx, workOrderId, { signature: signaturePng(() => this.sim.rand()), signerName: unit?.contact ?? '客户代表', version: submitted.version });
    if (opts.close !== false) {
      this.sim.later(this.sim.between(30, 120));
      const signed = await getWorkOrder(this.sim.ctx('dispatcher'), workOrderId);
      await transitionWorkOrder(this.sim.ctx('dispatcher'), workOrderId, { to: 'closed', version: signed.version, note: '回访确认，关闭工单' });
    }
    return oldParts;
  }

  /**
   * The fault comes back (返修): dispatch reopens the closed job, the technician goes again and
   * writes the visit's own report, which the customer signs; dispatch closes it again.
   */
  async comeback(username: string, workOrderId: number): Promise<void> {
    const desk = this.sim.ctx('dispatcher');
    let wo = await getWorkOrder(desk, workOrderId);
    await transitionWorkOrder(desk, workOrderId, { to: 'new', version: wo.version, note: '客户来电：故障复发，重新派工' });
    this.sim.later(this.sim.between(5, 20));
    wo = await getWorkOrder(desk, workOrderId);
    await assignWorkOrder(desk, workOrderId, { technicianIds: [this.sim.userId(username)], leadId: this.sim.userId(username), version: wo.version });
    for (const to of ['accepted', 'en_route', 'on_site'] as const) {
      this.sim.later(to === 'on_site' ? this.sim.between(30, 90) : this.sim.between(2, 10));
      await this.move(username, workOrderId, to);
    }
    await this.finishJob(username, workOrderId, { comeback: true });
  }

  /** The technician hands the old parts in at the store (the station's own, or the central one). */
  async handIn(workOrderId: number, lines: { partId: number; qty: number }[], home: StoreCode): Promise<void> {
    const desk = home.startsWith('ST-') ? `station_${home.slice(3).toLowerCase()}` : 'keeper';
    await handInOldParts(this.sim.ctx(desk), { workOrderId, lines, remark: '技师交回旧件' });
  }

  /** The monthly disposal (每月及时处理): what was handed in before this month goes back or to scrap. */
  async monthlyDisposal(before: number, supplierOf: (partId: number) => number | null): Promise<void> {
    const ctx = this.sim.ctx('keeper');
    const rows = await ctx.db.selectFrom('old_part_items').select(['location_id', 'part_id', 'qty', 'disposed_qty']).where('handed_in_at', '<', before).execute();
    const pending = new Map<number, Map<number, number>>();
    for (const r of rows) {
      const left = Number(r.qty) - Number(r.disposed_qty);
      if (left <= 0) continue;
      const byPart = pending.get(r.location_id) ?? new Map<number, number>();
      byPart.set(r.part_id, (byPart.get(r.part_id) ?? 0) + left);
      pending.set(r.location_id, byPart);
    }
    for (const [locationId, byPart] of pending) {
      const lines = [...byPart].map(([partId, milli]) => (this.sim.rand() < 0.6 ? { partId, qty: milli / 1000, action: 'scrap' as const } : { partId, qty: milli / 1000, action: 'supplier_claim' as const, supplierId: supplierOf(partId) }));
      await disposeOldParts(ctx, { locationId, lines, remark: '每月旧件处理：索赔件退供应商，其余报废' });
      this.sim.later(10);
    }
  }

  /** On site, a part is missing: the work order waits, its shortage line is created with it. */
  async waitForParts(username: string, workOrderId: number, parts: { partId?: number | null; description?: string | null; qty: number }[]): Promise<void> {
    this.sim.later(this.sim.between(15, 45));
    await this.move(username, workOrderId, 'waiting_parts', parts);
  }

  /** The booked technician drives out to a job that was accepted earlier. */
  async arrive(username: string, workOrderId: number): Promise<void> {
    await this.move(username, workOrderId, 'en_route');
    this.sim.later(this.sim.between(30, 120));
    await this.move(username, workOrderId, 'on_site');
  }

  async cancel(workOrderId: number, note: string): Promise<void> {
    const ctx = this.sim.ctx('dispatcher');
    const wo = await getWorkOrder(ctx, workOrderId);
    await transitionWorkOrder(ctx, workOrderId, { to: 'cancelled', version: wo.version, note });
  }

  /** The work order's number (WO-2026-000123), for document remarks. */
  async numberOf(workOrderId: number): Promise<string> {
    return (await getWorkOrder(this.sim.ctx('admin'), workOrderId)).number;
  }

  private async move(username: string, id: number, to: WorkOrderStatus, parts?: { partId?: number | null; description?: string | null; qty: number }[]) {
    const ctx = this.sim.ctx(username);
    const wo = await getWorkOrder(ctx, id);
    await transitionWorkOrder(ctx, id, { to, version: wo.version, ...(parts ? { parts } : {}), ...(to === 'on_site' && wo.arrival_due_at !== null && this.sim.rand() < 0.5 ? { breachCause: '路途较远，交通拥堵' } : {}) });
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
