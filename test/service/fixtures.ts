// Shared set-up of the service tests: two stations, users of each service role, a customer per
// station with a site, a product model and a unit.
import type { Api, TestApp } from '../harness.js';

export const PASSWORD = 'service-pass-1';

export async function user(t: TestApp, username: string, roles: string[], stationId?: number): Promise<{ id: number; api: Api }> {
  const u = await t.api.post('/users', { username, password: PASSWORD, displayName: username, roles, ...(stationId ? { stationId } : {}) });
  if (u.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(u.body)}`);
  return { id: u.body.id, api: await t.login(username, PASSWORD) };
}

function ok<T = any>(r: { status: number; body: T }, status = 201): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
export { ok };

export async function seedService(t: TestApp) {
  process.env.AFTERSALES_LOGIN_RATE = '1000';
  const { api } = t;
  const st1 = ok(await api.post('/locations', { code: 'ST-ZZ', name: '郑州服务站', kind: 'station' }));
  const st2 = ok(await api.post('/locations', { code: 'ST-LY', name: '洛阳服务站', kind: 'station' }));
  // Zhengzhou station; customer sites 10 km, 50 km and ~113 km (Luoyang) away.
  ok(await api.req('PUT', `/service-stations/${st1.id}/coordinates`, { latitude: 34.7466, longitude: 113.6253 }), 200);
  const dispatcher = await user(t, 'disp1', ['dispatcher']);
  const manager = await user(t, 'mgr1', ['service_manager']);
  const tech1 = await user(t, 'tech1', ['technician']);
  const tech2 = await user(t, 'tech2', ['technician']);
  const station1 = await user(t, 'st1user', ['station_user'], st1.id);
  const station2 = await user(t, 'st2user', ['station_user'], st2.id);
  const keeper = await user(t, 'keeper1', ['warehouse_keeper']);
  const model = ok(await api.post('/product-models', { code: 'ZK6122', name: '宇通客车 ZK6122', yearsFree: 3, yearsPartsAtCost: 2, warrantyKm: 300000 }));
  const cust1 = ok(await api.post('/customers', { code: 'C-001', name: '郑州公交集团', phone: '0371-1234567', stationId: st1.id }));
  const cust2 = ok(await api.post('/customers', { code: 'C-002', name: '洛阳旅游客运', stationId: st2.id, contract: true }));
  const site1 = ok(await api.post('/sites', { customerId: cust1.id, name: '二马路停车场', address: '郑州市二马路 1 号', latitude: 34.8366, longitude: 113.6253 }));
  const site2 = ok(await api.post('/sites', { customerId: cust2.id, name: '洛阳车场', latitude: 34.6197, longitude: 112.454 }));
  const unit1 = ok(await api.post('/units', { serial: 'LZYTBTD68K1000001', modelId: model.id, customerId: cust1.id, siteId: site1.id, saleDate: '2024-03-15', acceptanceDate: '2024-03-20', dealerStationId: st1.id }));
  return { st1, st2, dispatcher, manager, tech1, tech2, station1, station2, keeper, model, cust1, cust2, site1, site2, unit1 };
}
