/** Placeholder: the CompareView is being built (issue 7). */
export function CompareView() {
  return <div className="view-placeholder">Coming soon.</div>;
}
