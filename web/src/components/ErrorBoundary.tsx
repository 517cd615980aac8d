import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/** A screen that fails to render shows what to do, never a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // For the developer tools only; nothing of it reaches the page.
    console.error(error, info.componentStack);
  }

  render() {
    return this.state.failed ? <ErrorScreen /> : this.props.children;
  }
}

/** Also the router's errorElement, so that react-router's own page (with the stack) never shows. */
export function ErrorScreen() {
  return (
    <main id="main" className="page" tabIndex={-1}>
      <h1>画面を表示できませんでした</h1>
      <div className="notice notice--error" role="alert">
        <p>画面の表示中に問題が起きました。入力中の内容はこの画面に保存されています。</p>
        <p>再読み込みしても直らないときは、管理者に連絡してください。</p>
      </div>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        再読み込みする
      </button>
    </main>
  );
}
