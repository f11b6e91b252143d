/**
 * A browser-like HTTP client for tests over real HTTP: a cookie jar, forms posted as
 * application/x-www-form-urlencoded with the site's own Origin (as a browser sends it), the CSRF token
 * read from a page's forms (signed-in users' pages carry one). Each client comes from its
 * own address (X-Forwarded-For, which the server trusts from loopback, as behind a proxy).
 */
let clients = 0;

export class FormClient {
  readonly jar = new Map<string, string>();
  private readonly headers: Record<string, string>;

  /** @param seen collects the name of every cookie any response sets (checked against the registry). */
  constructor(
    private readonly base: string,
    headers: Record<string, string> = {},
    private readonly seen?: Set<string>,
  ) {
    this.headers = { "x-forwarded-for": `10.0.${Math.floor(++clients / 250)}.${clients % 250}`, ...headers };
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      this.seen?.add(name);
      if (/max-age=0\b/i.test(line) || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string): Promise<{ response: Response; text: string }> {
    const response = await fetch(this.base + path, {
      redirect: "manual",
      headers: { ...this.headers, cookie: this.cookieHeader() },
    });
    this.remember(response);
    return { response, text: await response.text() };
  }

  /** @param headers replace the browser-like ones, e.g. `{ origin: "https://evil.example" }`. */
  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<{ response: Response; text: string }> {
    const response = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: new URL(this.base).origin,
        ...this.headers,
        ...headers,
        cookie: this.cookieHeader(),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form).toString(),
    });
    this.remember(response);
    return { response, text: await response.text() };
  }

  /**
   * The CSRF token of the forms on a page; "" when they carry none (a reader who is not signed in: their
   * forms are checked by origin only).
   */
  async token(path = "/news"): Promise<string> {
    const { text } = await this.get(path);
    return /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? "";
  }

  async signIn(email: string, password: string): Promise<Response> {
    const _csrf = await this.token("/newsroom/login");
    return (await this.post("/newsroom/login", { _csrf, email, password, next: "/newsroom" })).response;
  }
}
