import { buttonCls } from "./Button";

/** The "Export CSV" download beside a list's title: the same rows as a file (`download` names it, or true for the server's name). */
export function ExportCsvLink({ testId, href, download }: { testId: string; href: string; download: string | true }) {
  return (
    <a data-testid={testId} href={href} download={download} className={buttonCls("secondary", "inline-flex items-center gap-1.5")}>
      <span aria-hidden>⤓</span> Export CSV
    </a>
  );
}
