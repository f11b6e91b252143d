/** Members as the analysis commands take and print them: any code or name in, today's name out. */
import { getMember, nameOn, resolveMember } from "../../core/members/index.js";

export function memberId(text: string): string {
  return resolveMember(text).id;
}

export function name(id: string, date = new Date().toISOString().slice(0, 10)): string {
  const member = getMember(id);
  return member ? nameOn(member, date) : id;
}
