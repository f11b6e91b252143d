/**
 * What a newsroom password must be: 12 to 1,024 characters, and not a common password. One policy for
 * every way a password is set or typed (the CLI's `user add` and `user passwd`, the sign-in form), so a
 * password the CLI accepts can always be typed into the form.
 *
 * Common passwords come from the zxcvbn-ts project's maintained list (`@zxcvbn-ts/language-common`,
 * ≈49,000 passwords seen in breaches). Most are shorter than 12 characters, so a password is also refused
 * when it is one of them with only digits, spaces or punctuation added around it ("password1234!",
 * "iloveyou2026"), the usual way people stretch a short password to a length rule.
 */
import { createRequire } from "node:module";
import type { dictionary as Dictionary } from "@zxcvbn-ts/language-common";
import { PlenaryError } from "../core/errors.js";

// The list loads on first use (a CommonJS package, so synchronously): decompressing it is a twentieth of
// a second that the web server's start-up does not spend; the server loads it in the background.
const require = createRequire(import.meta.url);

export const MIN_PASSWORD = 12;
/** argon2 takes any length; a bound keeps a sign-in's cost and the form's `maxlength` honest. */
export const MAX_PASSWORD = 1024;

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = require("@zxcvbn-ts/language-common") as { dictionary: typeof Dictionary };
    common = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  }
  return common;
}

/** Loads the list now (the web server, in the background once it listens). */
export function loadCommonPasswords(): void {
  commonPasswords();
}

/** Whether `password` is a common password, or one with only digits and punctuation around it. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[\d\s\p{P}\p{S}]+|[\d\s\p{P}\p{S}]+$/gu, "");
  return core.length > 0 && core !== lower && list.has(core);
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) {
    throw new PlenaryError("BAD_INPUT", `The password must have at least ${MIN_PASSWORD} characters.`, {
      field: "password",
      help: "Use a long passphrase; a password manager can make one.",
    });
  }
  if (password.length > MAX_PASSWORD) {
    throw new PlenaryError("BAD_INPUT", `The password may have at most ${MAX_PASSWORD} characters.`, {
      field: "password",
      help: "The sign-in form takes at most that many; choose a shorter passphrase.",
    });
  }
  if (isCommonPassword(password)) {
    throw new PlenaryError("BAD_INPUT", "That password is on a list of common passwords.", {
      field: "password",
      help: "Passwords seen in breaches are tried first by attackers: use a passphrase of your own.",
    });
  }
}
