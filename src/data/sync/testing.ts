/**
 * A stand-in for the UN Digital Library in tests: node:http on 127.0.0.1 (port 0) serving the dataset
 * records' MARCXML exports and their CSV files, with ETag / Last-Modified, conditional requests (304),
 * Range requests (206), and two ways to fail: a connection dropped mid-file and an HTML error page.
 * `serveFile` is that file serving, shared with the DGACM stand-in (dgacmTesting.ts).
 */
import { createHash } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedFile {
  /** Path under the server, e.g. `/record/4060887/files/2026_2_6_ga_voting.csv`. */
  path: string;
  body: Buffer;
  /** Serve an HTML error page (status 200, text/html) instead of the file. */
  html?: boolean;
  /** On the next `dropTimes` full (non-Range) requests, close the connection after this many bytes. */
  dropAfter?: number;
  dropTimes?: number;
  lastModified?: string;
  /** Default `text/csv; charset=utf-8`. */
  contentType?: string;
  /** The body is gzip sent with `Content-Encoding: gzip` (a static server's precompressed file). */
  encoding?: "gzip";
}

export type RequestLog = { path: string; headers: IncomingHttpHeaders; status: number }[];

export interface TestLibrary {
  url: string;
  files: Map<string, ServedFile>;
  /** Every request: path and headers. */
  requests: RequestLog;
  /** Sets (or replaces) a record's export, listing `fileUrl` in 856 $u. */
  setRecord(record: string, fileUrl: string): void;
  close(): Promise<void>;
}

export const etagOf = (body: Buffer) => `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;

export function marcRecord(record: string, fileUrls: string[]): string {
  const files = fileUrls
    .map(
      (u) =>
        `  <datafield tag="856" ind1="4" ind2="2">\n    <subfield code="u">${u}</subfield>\n    <subfield code="y">Dataset</subfield>\n  </datafield>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
<record>
  <controlfield tag="001">${record}</controlfield>
  <datafield tag="245" ind1=" " ind2=" ">
    <subfield code="a">Voting data</subfield>
  </datafield>
${files}
</record>
</collection>
`;
}

export async function startTestLibrary(): Promise<TestLibrary> {
  const files = new Map<string, ServedFile>();
  const records = new Map<string, string>();
  const requests: RequestLog = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const log = (status: number) => requests.push({ path: url.pathname, headers: req.headers, status });
    const exportMatch = /^\/record\/(\d+)\/export\/xm$/.exec(url.pathname);
    if (exportMatch && records.has(exportMatch[1]!)) {
      log(200);
      res.writeHead(200, { "content-type": "application/xml; charset=utf-8" });
      res.end(records.get(exportMatch[1]!));
      return;
    }
    const file = files.get(url.pathname);
    if (!file) {
      notFound(res, log);
      return;
    }
    serveFile(req, res, file, log);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    requests,
    setRecord(record, fileUrl) {
      records.set(
        record,
        marcRecord(record, [`https://digitallibrary.un.org/record/${record}/files/readme.md`, fileUrl]),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 404 as web servers send it: a small HTML page. */
export function notFound(res: ServerResponse, log: (status: number) => void): void {
  log(404);
  res.writeHead(404, { "content-type": "text/html" });
  res.end("<!DOCTYPE html><html><body><h1>Not found</h1></body></html>");
}

/** Serves a file as a static web server does: ETag, Last-Modified, 304, Range (206, 416); and the faults. */
export function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: ServedFile,
  log: (status: number) => void,
): void {
  if (file.html) {
    log(200);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      "<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head><body>The library is under maintenance.</body></html>",
    );
    return;
  }
  const etag = etagOf(file.body);
  const lastModified = file.lastModified ?? "Fri, 06 Feb 2026 10:00:00 GMT";
  const headers = {
    etag,
    "last-modified": lastModified,
    "accept-ranges": "bytes",
    "content-type": file.contentType ?? "text/csv; charset=utf-8",
    ...(file.encoding ? { "content-encoding": file.encoding } : {}),
  };
  if (req.headers["if-none-match"] === etag) {
    log(304);
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
  const ifRange = req.headers["if-range"];
  if (range && (!ifRange || ifRange === etag || ifRange === lastModified)) {
    const start = Number(range[1]);
    if (start >= file.body.length) {
      log(416);
      res.writeHead(416, { "content-range": `bytes */${file.body.length}` });
      res.end();
      return;
    }
    log(206);
    res.writeHead(206, {
      ...headers,
      "content-range": `bytes ${start}-${file.body.length - 1}/${file.body.length}`,
      "content-length": file.body.length - start,
    });
    res.end(file.body.subarray(start));
    return;
  }
  log(200);
  res.writeHead(200, { ...headers, "content-length": file.body.length });
  if (file.dropAfter !== undefined && (file.dropTimes ?? 1) > 0) {
    file.dropTimes = (file.dropTimes ?? 1) - 1;
    res.write(file.body.subarray(0, file.dropAfter), () => {
      // Let the bytes reach the client, then cut the connection mid-file.
      setTimeout(() => req.socket.destroy(), 20);
    });
    return;
  }
  res.end(file.body);
}
