import type { Reply, RequestBody, Route, RouteContext } from '../context.js';
import { integer, json, notFound, paged, unprocessable } from '../context.js';
import { errorBody, validationFailed } from '../errors.js';
import type { Requirement } from '../permissions.js';
import type { CheckConclusion, CheckRun } from '../state.js';
import { appSlugOf } from '../state.js';

const READ: Requirement = { access: 'read', anyOf: ['checks'] };
const WRITE: Requirement = { access: 'write', anyOf: ['checks'] };

type CheckRunOutput = NonNullable<RequestBody<'checks/update'>['output']>;
type RequestedConclusion = RequestBody<'checks/update'>['conclusion'];

function invalidConclusion(context: RouteContext, message: string): Reply {
  return unprocessable(validationFailed([{ resource: 'CheckRun', code: 'invalid', field: 'conclusion', message }], context.documentationUrl));
}

/** The request schemas accept `stale`, but GitHub alone may set it. */
function settable(conclusion: RequestedConclusion): conclusion is CheckConclusion | undefined {
  return conclusion !== 'stale';
}

const STALE = 'conclusion cannot be set to stale, only GitHub can set this';

/** Title, summary and text replace what was there; annotations add to it, which is how clients send more than 50. */
function applyOutput(context: RouteContext, run: CheckRun, output: CheckRunOutput | undefined): void {
  if (!output) return;
  run.output.title = output.title ?? run.output.title;
  run.output.summary = output.summary;
  run.output.text = output.text ?? run.output.text;
  context.state.appendAnnotations(run, output.annotations ?? []);
}

export const checkRunRoutes: Route[] = [
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/check-runs',
    resource: 'CheckRun',
    needs: WRITE,
    handle(context) {
      // Only an app may write check runs: a person's token gets GitHub's 403.
      if (!appSlugOf(context.state.actor)) return json(403, errorBody(403, 'You must authenticate via a GitHub App.', context.documentationUrl));
      const body = context.body as RequestBody<'checks/create'>;
      const { conclusion } = body;
      if (!settable(conclusion)) return invalidConclusion(context, STALE);
      // The update schema says this itself; the create schema only says it in prose.
      if (body.status === 'completed' && conclusion === undefined) return invalidConclusion(context, 'conclusion is required when status is completed');
      const now = context.state.timestamp();
      const run = context.state.addCheckRun({
        name: body.name,
        head_sha: body.head_sha,
        status: conclusion === undefined ? (body.status ?? 'queued') : 'completed',
        conclusion: conclusion ?? null,
        started_at: body.started_at ?? now,
        completed_at: conclusion === undefined ? null : (body.completed_at ?? now),
        details_url: body.details_url ?? null,
        external_id: body.external_id ?? null,
      });
      applyOutput(context, run, body.output);
      const payload = context.payloads.checkRun(run);
      return json(201, payload, { location: payload.url });
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    resource: 'CheckRun',
    needs: READ,
    handle(context) {
      const run = context.state.checkRun(integer(context, 'check_run_id'));
      return run ? json(200, context.payloads.checkRun(run)) : notFound(context);
    },
  },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    resource: 'CheckRun',
    needs: WRITE,
    handle(context) {
      const run = context.state.checkRun(integer(context, 'check_run_id'));
      if (!run) return notFound(context);
      const body = context.body as RequestBody<'checks/update'>;
      const { conclusion } = body;
      if (!settable(conclusion)) return invalidConclusion(context, STALE);
      run.name = body.name ?? run.name;
      run.details_url = body.details_url ?? run.details_url;
      run.external_id = body.external_id ?? run.external_id;
      run.started_at = body.started_at ?? run.started_at;
      if (conclusion !== undefined) {
        run.status = 'completed';
        run.conclusion = conclusion;
        run.completed_at = body.completed_at ?? context.state.timestamp();
      } else if (body.status !== undefined) {
        // A run that is running again has no conclusion yet.
        run.status = body.status;
        run.conclusion = null;
        run.completed_at = null;
      }
      applyOutput(context, run, body.output);
      return json(200, context.payloads.checkRun(run));
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    resource: 'CheckRun',
    needs: READ,
    handle(context) {
      const run = context.state.checkRun(integer(context, 'check_run_id'));
      if (!run) return notFound(context);
      return paged(context, context.state.annotationsOf(run.id), (page) => page.map((annotation) => context.payloads.annotation(run, annotation)));
    },
  },
];
