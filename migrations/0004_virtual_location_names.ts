import type { Kysely } from 'kysely';

// The virtual locations were first named in traditional characters; the default UI is
// simplified Chinese (R-PLT-2).
const NAMES: [string, string][] = [
  ['VIRT-SUPPLIER', '供应商'],
  ['VIRT-CONSUMED', '客户/已消耗'],
  ['VIRT-SCRAP', '报废'],
  ['VIRT-TRANSIT', '在途'],
  ['VIRT-ADJUST', '盘点调整'],
  ['VIRT-OPENING', '期初库存'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [code, name] of NAMES) await db.updateTable('locations').set({ name }).where('code', '=', code).execute();
}

export async function down(): Promise<void> {}
