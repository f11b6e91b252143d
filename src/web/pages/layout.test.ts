/** The page frame: the main links in a row for wide screens and behind a "Menu" disclosure for phones. */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { emptyPageContext } from "../context.js";
import { layout } from "./layout.js";

const LINKS = ["Votes", "News", "Members", "Compare", "Blocs", "Council", "Search", "Data & API"];

describe("the header", () => {
  it("writes the links twice: in a row, and in a <details> menu that opens without JavaScript", () => {
    const { document } = parseHTML(
      layout({ title: "T", body: "<p>x</p>" }, emptyPageContext("/compare/USA/RUS")),
    );
    const nav = document.querySelectorAll("header.site nav");
    expect(nav.length).toBe(1);
    expect(nav[0]!.getAttribute("aria-label")).toBe("Main");
    const wide = [...document.querySelectorAll("header.site .nav-wide a")];
    const menu = [...document.querySelectorAll("header.site details.nav-menu .nav-menu-links a")];
    expect(wide.map((a) => a.textContent)).toEqual(LINKS);
    expect(menu.map((a) => a.textContent)).toEqual(LINKS);
    expect(menu.map((a) => a.getAttribute("href"))).toEqual(wide.map((a) => a.getAttribute("href")));
    // The current section is marked in both.
    for (const list of [wide, menu])
      expect(list.filter((a) => a.getAttribute("aria-current") === "page").map((a) => a.textContent)).toEqual(
        ["Compare"],
      );
    // The disclosure is closed; its button is named "Menu" (the icon is hidden from assistive technology).
    const details = document.querySelector("details.nav-menu")!;
    expect(details.hasAttribute("open")).toBe(false);
    expect(details.querySelector("summary")!.textContent!.trim()).toBe("Menu");
    expect(details.querySelector("summary svg")!.getAttribute("aria-hidden")).toBe("true");
  });
});
