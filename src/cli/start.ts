// `npm start` — indexes corpus/ if needed, then runs the Telegram bot when TELEGRAM_BOT_TOKEN is set,
// otherwise a terminal chat over the same answer pipeline.
import { prepare } from '../boot.js';
import { log } from '../log.js';
import { terminalChat } from './chat.js';
import { main, setup } from './run.js';

main(async () => {
  const config = setup();
  const { engine } = await prepare(config);
  if (!config.TELEGRAM_BOT_TOKEN) {
    log.info('No TELEGRAM_BOT_TOKEN set: starting the terminal chat. To run the Telegram bot, put the token from @BotFather into .env (see README › Telegram).');
    await terminalChat(engine, config);
    return;
  }
  const { runBot } = await import('../telegram/run.js');
  await runBot(engine, config);
});
