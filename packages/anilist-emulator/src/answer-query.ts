// The GraphQL part of the fake: a request body in, AniList's status code and body out. Invalid
// queries get AniList's HTTP 400, a single-object miss its HTTP 404.
import { buildSchema, execute, GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createRootValue, NotFoundError, type FakeData } from './resolvers.ts';
import { FAKE_ANILIST_SDL } from './sdl.ts';

export interface Answer {
  status: number;
  body: { data?: unknown; errors?: ErrorItem[] };
}

export interface ErrorItem {
  message: string;
  status: number;
  locations?: readonly { line: number; column: number }[];
}

const fakeSchema = buildSchema(FAKE_ANILIST_SDL);

// AniList's full schema, when whoever runs the stand-in has it (the tests do): queries are then
// checked against every rule AniList applies, not only against the part the stand-in answers.
let fullSchema: GraphQLSchema | undefined;

export function useFullAniListSchema(schema: GraphQLSchema | undefined): void {
  fullSchema = schema;
}

export async function answerQuery(payload: Record<string, unknown> | undefined, data: FakeData): Promise<Answer> {
  const rejected = (errors: ErrorItem[]): Answer => ({ status: 400, body: { data: null, errors } });
  if (payload === undefined) return rejected([{ message: 'Unable to parse the request body as JSON.', status: 400 }]);
  if (typeof payload.query !== 'string') return rejected([{ message: 'Must provide query string.', status: 400 }]);
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    return rejected([errorItem(error, 400)]);
  }
  // AniList's own schema first, so the message is the one AniList would give.
  const invalid = fullSchema ? validate(fullSchema, document) : [];
  if (invalid.length > 0) return rejected(invalid.map((error) => errorItem(error, 400)));
  const unsupported = validate(fakeSchema, document);
  if (unsupported.length > 0) {
    return rejected(unsupported.map((error) => ({ ...errorItem(error, 400), message: `The fake AniList does not implement this yet: ${error.message}` })));
  }

  const result = await execute({
    schema: fakeSchema,
    document,
    rootValue: createRootValue(fakeSchema, data),
    variableValues: isRecord(payload.variables) ? payload.variables : {},
    operationName: typeof payload.operationName === 'string' ? payload.operationName : null,
  });
  if (!result.errors?.length) return { status: 200, body: { data: result.data } };
  // No data at all: the variables did not fit the document.
  if (result.data === undefined) return rejected(result.errors.map((error) => errorItem(error, 400)));
  const notFound = result.errors.find((error) => error.originalError instanceof NotFoundError);
  if (notFound) return { status: 404, body: { errors: [errorItem(notFound, 404)], data: result.data } };
  return { status: 500, body: { data: result.data, errors: result.errors.map((error) => errorItem(error, 500)) } };
}

/** The request's operation name as its document spells it, for the fake's records. */
export function operationNameOf(query: unknown): string | null {
  if (typeof query !== 'string') return null;
  try {
    for (const definition of parse(query).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? null;
    }
  } catch {
    // An unparseable query has no name; answerQuery reports the syntax error.
  }
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorItem(error: unknown, status: number): ErrorItem {
  if (!(error instanceof GraphQLError)) return { message: String(error), status };
  return { message: error.message, status, ...(error.locations && { locations: error.locations }) };
}
