import { CloseStack } from './close-stack';

function logger() {
  return { lines: [] as string[], info(message: string) { this.lines.push(message); }, error(message: string) { this.lines.push(`ERROR ${message}`); } };
}

describe('CloseStack', () => {
  it('closes in reverse order of opening, once', async () => {
    const closed: string[] = [];
    const stack = new CloseStack(logger());
    stack.push('database', async () => closed.push('database'));
    stack.push('pool', async () => closed.push('pool'));
    stack.push('http', async () => closed.push('http'));

    const [first, second] = await Promise.all([stack.closeAll(), stack.closeAll()]);

    expect(closed).toEqual(['http', 'pool', 'database']);
    expect(first).toBe(true);
    expect(second).toBe(true);
  });

  it('carries on past a failure and reports it', async () => {
    const closed: string[] = [];
    const log = logger();
    const stack = new CloseStack(log);
    stack.push('database', async () => closed.push('database'));
    stack.push('event store', async () => {
      throw new Error('socket hang up');
    });

    expect(await stack.closeAll()).toBe(false);
    expect(closed).toEqual(['database']);
    expect(log.lines).toEqual(['ERROR Closing event store failed: socket hang up', 'Closed database']);
  });
});
