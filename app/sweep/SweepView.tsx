/** Placeholder: the SweepView is being built (issue 7). */
export function SweepView() {
  return <div className="view-placeholder">Coming soon.</div>;
}
