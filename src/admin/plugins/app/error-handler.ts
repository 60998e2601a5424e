import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CaseConflictError, CaseNotFoundError } from '../../../cases/store.js';
import { UserFacingError } from '../../../config/errors.js';
import { notFound } from '../../errors.js';
import { errorPage } from '../../pages/error.js';

// Fastify's own errors for hostile or broken requests, with the Chinese line shown on the page.
const BY_CODE: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: '提交的内容太长了，请删减后再试。',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持这种提交格式。',
  FST_ERR_CTP_EMPTY_JSON_BODY: '提交的内容是空的。',
  FST_ERR_CTP_INVALID_JSON_BODY: '提交的内容格式不对（不是有效的 JSON）。',
  FST_ERR_HANDLER_TIMEOUT: '数据库暂时连不上，请稍后再试。',
};

const BY_STATUS: Record<number, string> = {
  400: '提交的内容有误。',
  401: '请先登录。',
  403: '没有权限执行这个操作。',
  404: '没有找到这个页面或案件。',
  413: '提交的内容太长了，请删减后再试。',
  415: '不支持这种提交格式。',
  429: '尝试次数太多，请稍后再试。',
  503: '服务暂时不可用，请稍后再试。',
};

/**
 * The one error answer: JSON for the API, a Chinese page for people; never a stack trace to the client. Exported
 * for the places where a library's own error handler would answer instead (the queue dashboard).
 */
export function sendError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let status = err.statusCode ?? 500;
  let error = err.message;
  let message = BY_CODE[err.code] ?? BY_STATUS[status] ?? '服务器出了点问题，请稍后再试。';
  let issues: Array<{ path: string; message: string }> | undefined;
  if (err instanceof UserFacingError) {
    // Refusals from the case service and below (404 not yours, 403 not your role, 409 not in this state).
    status = err.status;
    message = err.chinese;
  } else if (err instanceof CaseNotFoundError) {
    status = 404;
    message = BY_STATUS[404]!;
  } else if (err instanceof CaseConflictError) {
    status = 409;
    message = '这个案件刚被别人改过，请刷新后再试。';
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    status = 400;
    issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'is invalid',
    }));
    error = `invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
    message = '提交的内容有误，请检查后再试。';
  } else if (err.code === 'FST_ERR_HANDLER_TIMEOUT') {
    request.log.warn({ url: request.url }, 'request timed out; is Redis reachable?');
    error = 'Service Unavailable: no answer in time (is Redis reachable?)';
  } else if (status >= 500) {
    request.log.error({ err }, 'request failed');
    error = 'Internal Server Error';
  }
  reply.code(status);
  if (request.url.startsWith('/api/') || !request.headers.accept?.includes('text/html')) {
    return reply.send({ statusCode: status, error, message, ...(issues ? { issues } : {}) });
  }
  return reply.type('text/html; charset=utf-8').send(errorPage('出错了', message));
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(sendError);
    app.setNotFoundHandler((request, reply) => {
      const err = notFound();
      reply.code(404);
      if (request.url.startsWith('/api/') || !request.headers.accept?.includes('text/html')) {
        return reply.send({
          statusCode: 404,
          error: `Route ${request.method} ${request.url} not found`,
          message: err.chinese,
        });
      }
      return reply.type('text/html; charset=utf-8').send(errorPage('没有找到', err.chinese));
    });
  },
  { name: 'cunbot-error-handler' },
);
