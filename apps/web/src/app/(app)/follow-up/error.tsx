"use client";

// A failed load of this page's data.
export { PageError as default } from "~/components/page-error";
