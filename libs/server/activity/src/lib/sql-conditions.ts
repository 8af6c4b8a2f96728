/** Builds `a = $n AND ...` with numbered parameters. */
export class SqlConditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  add(template: (...placeholders: string[]) => string, ...values: unknown[]): void {
    this.sql.push(this.fragment(template, ...values));
  }

  /** A condition to combine by hand, its values already numbered among the others. */
  fragment(template: (...placeholders: string[]) => string, ...values: unknown[]): string {
    const placeholders = values.map((value) => `$${this.params.push(value)}`);
    return template(...placeholders);
  }

  where(): string {
    return this.sql.length > 0 ? this.sql.join(' AND ') : 'true';
  }
}
