// Owns signing in: the staff token (checked against the server before it is kept, for this tab only) and an
// optional name for the audit log. Imports preact and the console's modules.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { createAdminApi } from '../api.js';
import { Notice, TextField } from '../components/ui.js';
import { asApiError } from '../hooks.js';
import type { StaffSession } from '../session.js';
import { APP_NAME, CONSOLE_NAME, describeError } from '../strings.zh-CN.js';

export function SignInPage({ message, onSignedIn }: { message: string | null; onSignedIn: (session: StaffSession) => void }) {
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const tokenInput = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    document.title = `登录 · ${APP_NAME}${CONSOLE_NAME}`;
    tokenInput.current?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (checking) return;
    const value = token.trim();
    if (!value) {
      setError('请输入管理令牌。');
      tokenInput.current?.focus();
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await createAdminApi({ token: value }).verify();
      onSignedIn({ token: value, name: name.trim().slice(0, 40) });
    } catch (e) {
      setError(describeError(asApiError(e)));
      setChecking(false);
      tokenInput.current?.select();
    }
  }

  return (
    <div class="signin-page">
      <header class="topbar" role="banner">
        <div class="brand">
          <span class="emblem" aria-hidden="true" />
          <span class="brand-name">{APP_NAME}</span>
          <span class="brand-sub">{CONSOLE_NAME}</span>
        </div>
      </header>
      <main id="main" class="signin-main">
        <div class="signin-card">
          <h1 class="page-title">工作人员登录</h1>
          {message && !error ? <Notice kind="warning">{message}</Notice> : null}
          {error ? (
            <Notice kind="error" title="登录没有成功">
              <p>{error}</p>
            </Notice>
          ) : null}
          <form class="form" onSubmit={submit} noValidate>
            <TextField
              id="signin-token"
              label="管理令牌"
              type="password"
              required
              wide
              inputRef={tokenInput}
              value={token}
              onInput={setToken}
              hint="服务器启动时设置（ADMIN_TOKEN）或打印的令牌，也保存在 DATA_DIR/admin-token 文件中。"
              error={error ? '请核对令牌' : undefined}
            />
            <TextField
              id="signin-name"
              label="您的姓名（可选）"
              wide
              value={name}
              onInput={setName}
              maxLength={40}
              autoComplete="name"
              hint="记入操作日志，便于同事知道是谁修改了常见问题。"
            />
            <div class="button-row">
              <button type="submit" class="button button-primary" aria-disabled={checking ? 'true' : undefined}>
                {checking ? '正在验证…' : '登录'}
              </button>
            </div>
          </form>
          <p class="muted small">令牌只保存在当前浏览器标签页中，关闭标签页或点“退出登录”后即失效。</p>
        </div>
      </main>
    </div>
  );
}
