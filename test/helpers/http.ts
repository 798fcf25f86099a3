/** A response's JSON body, typed loosely: tests assert on its shape themselves. */
// biome-ignore lint: tests read arbitrary JSON
export async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}
