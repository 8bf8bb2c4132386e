import { defineErrors } from '../../platform/errors.js';

export const catalogErrors = defineErrors({
  part_has_moves: {
    status: 409,
    'zh-CN': '配件已有出入库记录，不能删除，已改为归档',
    'zh-TW': '配件已有出入庫記錄，不能刪除，已改為歸檔',
    en: 'The part has movements and cannot be deleted; archive it instead',
  },
  // Bulk edit answers for every rejected row at once (details.rows), so the user fixes them in one go.
  bulk_update_conflict: {
    status: 409,
    'zh-CN': '{count} 个配件已被他人修改，未保存任何修改：{parts}',
    'zh-TW': '{count} 個配件已被他人修改，未儲存任何修改：{parts}',
    en: '{count} parts were changed by someone else; nothing was saved: {parts}',
  },
  bulk_update_invalid: {
    status: 400,
    'zh-CN': '{count} 个配件的修改有误，未保存任何修改：{parts}',
    'zh-TW': '{count} 個配件的修改有誤，未儲存任何修改：{parts}',
    en: '{count} parts have invalid changes; nothing was saved: {parts}',
  },
});
