export async function runBot(..._a: unknown[]): Promise<void> { throw new Error('bot not built yet'); }
