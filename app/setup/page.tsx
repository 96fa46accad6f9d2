import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { SetupForm } from "@/components/auth/SetupForm";
import { hasPeople } from "@/server/queries/get-people";
import { getServices } from "@/server/services";

export const metadata: Metadata = { title: "Set up" };

/** First run only: once anybody exists, this page is gone (POST /api/setup answers 409 too). */
export default async function Page() {
  // Decided per request, never at build time: the answer changes once the first admin exists.
  await connection();
  if (await hasPeople(getServices().pool)) redirect("/sign-in");
  return (
    <AuthCard
      title="Create the first admin of this Onepool"
      intro="Nobody can sign in yet. The account you create here is an admin: it can add everyone else, with their roles, under People. To prove this is your server, enter the setup code it printed in its log when it started."
      testId="setup-page"
    >
      <SetupForm />
    </AuthCard>
  );
}
