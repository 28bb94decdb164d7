import type { ErrorObject } from 'ajv';

/**
 * GitHub's error bodies. Octokit builds its error message from `message` and each item of `errors`,
 * so these shapes are what an action's log shows when a call fails.
 */

const REST_DOCS = 'https://docs.github.com/rest';

export interface ErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: ValidationError[];
}

/** One item of a 422's `errors`, as GitHub writes them. */
export interface ValidationError {
  resource: string;
  field: string;
  code: 'missing_field' | 'invalid' | 'unprocessable' | 'custom';
  message?: string;
}

export function errorBody(status: number, message: string, documentationUrl = REST_DOCS): ErrorBody {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

/** The primary rate limit's answer, whether the budget ran out here or a test injected it. */
export function rateLimitExceeded(status: number): ErrorBody {
  return errorBody(
    status,
    'API rate limit exceeded for installation ID 12345678. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
    'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  );
}

export function validationFailed(errors: ValidationError[], documentationUrl: string): ErrorBody {
  return { ...errorBody(422, 'Validation Failed', documentationUrl), errors };
}

/** `/output/annotations/0/annotation_level` → `output.annotations[0].annotation_level`, the way GitHub names fields. */
function fieldName(pointer: string, child?: string): string {
  const segments = [...pointer.split('/').slice(1), ...(child === undefined ? [] : [child])].map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((field, segment) => (/^\d+$/.test(segment) ? `${field}[${segment}]` : field ? `${field}.${segment}` : segment), '');
}

/** Ajv's errors, described in GitHub's terms: which field, what is wrong with it, and for an enum what it may be. */
export function describeAjvErrors(errors: readonly ErrorObject[], resource: string): ValidationError[] {
  return errors.map((error) => {
    if (error.keyword === 'required') {
      const field = fieldName(error.instancePath, String(error.params.missingProperty));
      return { resource, field, code: 'missing_field', message: `${field} is missing` };
    }
    const field = fieldName(error.instancePath) || '(body)';
    const allowed = error.keyword === 'enum' && Array.isArray(error.params.allowedValues) ? `: ${error.params.allowedValues.join(', ')}` : '';
    return { resource, field, code: 'invalid', message: `${field} ${error.message ?? 'is invalid'}${allowed}` };
  });
}
