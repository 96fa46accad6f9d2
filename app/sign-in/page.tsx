import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { safeNext } from "@/components/auth/safe-next";
import { SignInForm } from "@/components/auth/SignInForm";
import { getViewer } from "@/server/auth/require-page";
import { hasPeople } from "@/server/queries/get-people";
import { getServices } from "@/server/services";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  if (await getViewer()) redirect(next);
  // A fresh install has nobody to sign in as: create the first admin instead.
  if (!(await hasPeople(getServices().pool))) redirect("/setup");
  return (
    <AuthCard title="Sign in" intro="Use the email and password an admin of this Onepool gave you." testId="sign-in-page">
      <SignInForm next={next} />
    </AuthCard>
  );
}
