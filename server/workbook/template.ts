export async function buildTemplate(_j: { id: string; zh: string }[]): Promise<Buffer> { throw new Error('todo'); }
