/** `/api/openapi.json`: the API described in OpenAPI 3.1, with bodies generated from the zod schemas. */
import { z } from 'zod';
import * as S from './schemas.ts';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } });
const ok = (description: string, schema: z.ZodType) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json(S.ErrorResponse) });
const errors = {
  '400': error('bad input: the message names the field'),
  '413': error('request body over the size limit'),
  '500': error('server fault'),
};
const queryParams = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'input' }),
  }));
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const briefFormats = {
  ...ok('the brief (kora.brief/v1), or Markdown / HTML with ?format=md|html', S.Brief),
  content: {
    ...json(S.Brief),
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string' } },
  },
};

/** Builds the OpenAPI document (once per server). */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kora',
      version: '0.1.0',
      description: 'Grounded research briefs and draft verification over a local library of sources.',
    },
    paths: {
      '/api/sources': {
        get: {
          summary: 'List sources',
          responses: { '200': ok('the library', z.object({ sources: z.array(S.SourceSummary) })) },
        },
        post: {
          summary: 'Ingest uploaded files (multipart field "files") or URLs; returns an ingest job',
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
                },
              },
              ...json(S.UrlsRequest),
            },
          },
          responses: {
            '202': ok('job started; poll the Location header', z.object({ job: S.Job })),
            ...errors,
            '415': error('neither multipart nor JSON'),
          },
        },
      },
      '/api/sources/{id}': {
        get: {
          summary: 'A source with its stored text and sentence spans',
          parameters: idParam,
          responses: { '200': ok('the source', S.StoredSource), '404': error('no such source') },
        },
        delete: {
          summary: 'Remove a source (and its uploaded file once unused)',
          parameters: idParam,
          responses: { '200': ok('removed', z.object({ removed: z.string() })), '404': error('no such source') },
        },
      },
      '/api/jobs/{id}': {
        get: {
          summary: 'Progress and result of an ingest job',
          parameters: idParam,
          responses: { '200': ok('the job', z.object({ job: S.Job })), '404': error('no such job') },
        },
      },
      '/api/search': {
        get: {
          summary: 'BM25-ranked sentences',
          parameters: queryParams(S.SearchQuery),
          responses: { '200': ok('hits', S.SearchResult), ...errors },
        },
      },
      '/api/brief': {
        post: {
          summary: 'Write a grounded brief on a topic',
          parameters: queryParams(S.FormatQuery),
          requestBody: { required: true, content: json(S.BriefRequest) },
          responses: { '200': briefFormats, ...errors, '503': error('brief stage not in this build') },
        },
      },
      '/api/render': {
        post: {
          summary: 'Render a kora.brief/v1 document as Markdown or HTML',
          parameters: queryParams(S.FormatQuery),
          requestBody: { required: true, content: json(S.Brief) },
          responses: { '200': briefFormats, ...errors },
        },
      },
      '/api/verify': {
        post: {
          summary: 'Check a draft claim by claim against the library',
          requestBody: { required: true, content: json(S.VerifyRequest) },
          responses: {
            '200': ok('the report (kora.verify/v1)', S.VerifyReport),
            ...errors,
            '503': error('verify stage not in this build'),
          },
        },
      },
    },
  };
}
