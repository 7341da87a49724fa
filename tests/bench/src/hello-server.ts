/** The bare Fastify hello-world the gateway's reads are measured against. Run as its own process. */
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 3099);
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
void app.listen({ port, host: '127.0.0.1' }).then(() => process.send?.('ready'));
