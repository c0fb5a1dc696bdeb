/** Why something was refused: a title and the problems, one a line (the validator's words), as an alert. */
export function ProblemList({ className, title, problems }: { className: string; title: string; problems: readonly string[] }) {
  return (
    <div className={className} role="alert">
      <p>{title}</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
