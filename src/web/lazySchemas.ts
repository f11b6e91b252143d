/**
 * Fastify's own schema compilers — ajv for what a request carries, fast-json-stringify for what a
 * response sends — made lazy: a route's validator and serializer are compiled on the route's first
 * request instead of all at start-up. The API's routes carry full schemas (they make the OpenAPI
 * document), and compiling them all took about a third of the server's start-up; a route's first request
 * now pays for its own (a few milliseconds) and no request pays for another's (issue 17, goal 3).
 *
 * Same compilers, same options, same results: the wrappers hand each call to the function Fastify's
 * default would have made, and expose what Fastify reads off a validator (`errors` after a call,
 * `schemaEnv` to let ajv coerce a root value) from it.
 */
import { createRequire } from "node:module";
import type { FastifyServerOptions } from "fastify";

const require = createRequire(import.meta.url);

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>;
type BuildValidator = NonNullable<CompilersFactory["buildValidator"]>;
type BuildSerializer = NonNullable<CompilersFactory["buildSerializer"]>;
type Validate = ((...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/** Calls `make` once, on first use. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

function lazyValidator(compile: () => Validate): Validate {
  const compiled = once(compile);
  const validate = ((...args: unknown[]) => compiled()(...args)) as Validate;
  Object.defineProperty(validate, "errors", { get: () => compiled().errors });
  Object.defineProperty(validate, "schemaEnv", { get: () => compiled().schemaEnv });
  return validate;
}

type Validators = (...a: unknown[]) => (route: unknown) => Validate;

/**
 * The two compiler packages, loaded on the first compile or when the server is first idle
 * (server.ts), whichever comes first — not at start-up: with ajv and fast-json-stringify they are about
 * 1 MB of code a reader's first page does not need. One selector each for the whole process, as Fastify
 * keeps its defaults: a selector pools its ajv instances by options, and a new ajv instance compiles
 * its meta-schema (tens of milliseconds).
 */
export const loadSchemaCompilers = once(() => ({
  validators: (require("@fastify/ajv-compiler") as () => Validators)(),
  serializers: (require("@fastify/fast-json-stringify-compiler") as () => BuildSerializer)(),
}));

// The compilers themselves are made on the first route's first compile too: Fastify asks for them when
// the server gets ready, and making ajv's (an instance and its meta-schema) took tens of milliseconds of
// the start even though the pages a reader opens first (/, /healthz) carry no schema.
const buildValidator = ((externalSchemas: unknown, options: unknown) => {
  const compiler = once(() => loadSchemaCompilers().validators(externalSchemas, options));
  return (route: unknown) => lazyValidator(() => compiler()(route));
}) as unknown as BuildValidator;

const buildSerializer: BuildSerializer = (externalSchemas, options) => {
  const compiler = once(() => loadSchemaCompilers().serializers(externalSchemas, options));
  return (route) => {
    const compiled = once(() => compiler()(route));
    return (data: unknown) => compiled()(data);
  };
};

/** The `schemaController` option of a Fastify server whose schemas compile on first use. */
export const lazySchemaController: FastifyServerOptions["schemaController"] = {
  compilersFactory: { buildValidator, buildSerializer },
};
