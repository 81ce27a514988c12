import { redirect } from "next/navigation";
import { getSession } from "@leadrelay/auth";

export default async function Home() {
  redirect((await getSession()) ? "/leads" : "/sign-in");
}
