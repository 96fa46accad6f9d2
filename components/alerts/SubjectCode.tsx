import Link from "next/link";
import type { SubjectPart } from "./alert-text";

/** One code of an alert's subject: a link to its page when it has one (`linkCls` added), plain text otherwise. */
export function SubjectCode({ part, className, linkCls }: { part: SubjectPart; className: string; linkCls?: string }) {
  return part.href ? (
    <Link href={part.href} prefetch={false} className={`${className}${linkCls ? ` ${linkCls}` : ""} hover:underline`}>
      {part.code}
    </Link>
  ) : (
    <span className={className}>{part.code}</span>
  );
}
