// Extra request headers an app adds to its tRPC calls (the customer site: X-Cart-Token, and
// X-Admission-Token for a hold taken after the waiting room). Registered once in the browser by
// the app's own client code; per-call values ride in the operation's context.

export type TOperationContext = Record<string, unknown>;
export type TRequestHeaderSource = (contexts: TOperationContext[]) => Record<string, string>;

let headerSource: TRequestHeaderSource | null = null;

export function provideRequestHeaders(source: TRequestHeaderSource): void {
  headerSource = source;
}

export function requestHeaders(contexts: TOperationContext[]): Record<string, string> {
  return headerSource ? headerSource(contexts) : {};
}
