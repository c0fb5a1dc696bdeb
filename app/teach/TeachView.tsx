/** Placeholder: the TeachView is being built (issue 7). */
export function TeachView() {
  return <div className="view-placeholder">Coming soon.</div>;
}
