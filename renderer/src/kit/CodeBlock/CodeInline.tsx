/** A short value inside running text or a table cell, wrapped rather than scrolled. */
import './CodeBlock.css';

export function CodeInline({ children }: { readonly children: string }) {
  return <pre className="code-inline">{children}</pre>;
}
