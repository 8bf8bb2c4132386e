import { defineErrors } from '../../platform/errors.js';

export const authErrors = defineErrors({
  invalid_credentials: { status: 401, 'zh-CN': '用户名或密码错误', 'zh-TW': '使用者名稱或密碼錯誤', en: 'Wrong username or password' },
  login_locked: {
    status: 429,
    'zh-CN': '登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    'zh-TW': '登入失敗次數過多，帳號已鎖定，請 {minutes} 分鐘後再試',
    en: 'Too many failed logins; the account is locked for {minutes} minutes',
  },
  user_disabled: { status: 403, 'zh-CN': '账号已停用', 'zh-TW': '帳號已停用', en: 'This account is disabled' },
  weak_password: {
    status: 400,
    'zh-CN': '密码至少 8 个字符',
    'zh-TW': '密碼至少 8 個字元',
    en: 'Passwords need at least 8 characters',
  },
  unknown_role: { status: 400, 'zh-CN': '未知角色：{role}', 'zh-TW': '未知角色：{role}', en: 'Unknown role: {role}' },
  station_required: {
    status: 400,
    'zh-CN': '网点用户必须指定所属网点',
    'zh-TW': '網點使用者必須指定所屬網點',
    en: 'A station user needs a station',
  },
});
