import type { Route } from '../context.js';
import { json } from '../context.js';
import { errorBody } from '../errors.js';
import { appSlugOf } from '../state.js';

export const userRoutes: Route[] = [
  {
    // A person's token reads its user; an installation token (GITHUB_TOKEN, an app's) is no user, and GitHub says so with 403.
    method: 'GET',
    template: '/user',
    resource: 'User',
    handle(context) {
      const { actor } = context.state;
      if (appSlugOf(actor)) return json(403, errorBody(403, 'Resource not accessible by integration', context.documentationUrl));
      return json(200, context.payloads.authenticatedUser(actor));
    },
  },
];
