import { defineErrors } from '../../platform/errors.js';

export const catalogErrors = defineErrors({
  part_has_moves: {
    status: 409,
    'zh-CN': '配件已有出入库记录，不能删除，已改为归档',
    'zh-TW': '配件已有出入庫記錄，不能刪除，已改為歸檔',
    en: 'The part has movements and cannot be deleted; archive it instead',
  },
});
