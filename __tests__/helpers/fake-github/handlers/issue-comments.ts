import type { Reply, RequestBody, Route, RouteContext } from '../context.js';
import { integer, json, notFound, paged, text, unprocessable } from '../context.js';
import { validationFailed } from '../errors.js';
import type { Requirement } from '../permissions.js';

/** GitHub stores comment bodies up to this many characters; its OpenAPI description does not say so. */
export const COMMENT_BODY_LIMIT = 65536;

// Issue comments on a pull request are allowed with either scope.
const READ: Requirement = { access: 'read', anyOf: ['issues', 'pull-requests'] };
const WRITE: Requirement = { access: 'write', anyOf: ['issues', 'pull-requests'] };

/** GitHub's answer to an over-long body, word for word (its field really is `data`). */
function tooLong(context: RouteContext, body: string): Reply | undefined {
  if (body.length <= COMMENT_BODY_LIMIT) return undefined;
  return unprocessable(
    validationFailed([{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)` }], context.documentationUrl),
  );
}

export const issueCommentRoutes: Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    resource: 'IssueComment',
    needs: READ,
    handle(context) {
      const comment = context.state.comment(integer(context, 'comment_id'));
      return comment ? json(200, context.payloads.comment(comment)) : notFound(context);
    },
  },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    resource: 'IssueComment',
    needs: WRITE,
    handle(context) {
      const comment = context.state.comment(integer(context, 'comment_id'));
      if (!comment) return notFound(context);
      const { body } = context.body as RequestBody<'issues/update-comment'>;
      const rejected = tooLong(context, body);
      if (rejected) return rejected;
      comment.body = body;
      comment.updated_at = context.state.timestamp();
      return json(200, context.payloads.comment(comment));
    },
  },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    resource: 'IssueComment',
    needs: WRITE,
    handle(context) {
      const id = integer(context, 'comment_id');
      if (!context.state.comment(id)) return notFound(context);
      context.state.deleteComment(id);
      return json(204);
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    resource: 'IssueComment',
    needs: READ,
    handle(context) {
      const number = integer(context, 'issue_number');
      if (!context.state.pullRequest(number)) return notFound(context);
      const since = text(context, 'since');
      const comments = context.state.commentsOn(number).filter((comment) => since === undefined || Date.parse(comment.updated_at) >= Date.parse(since));
      return paged(context, comments, (page) => page.map((comment) => context.payloads.comment(comment)));
    },
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    resource: 'IssueComment',
    needs: WRITE,
    handle(context) {
      const number = integer(context, 'issue_number');
      if (!context.state.pullRequest(number)) return notFound(context);
      const { body } = context.body as RequestBody<'issues/create-comment'>;
      const rejected = tooLong(context, body);
      if (rejected) return rejected;
      const payload = context.payloads.comment(context.state.addComment({ issue_number: number, body, user: context.state.actor }));
      return json(201, payload, { location: payload.url });
    },
  },
];
