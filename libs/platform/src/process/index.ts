/** How a process of the shop starts: its main function, a failure to start one clear line. */
export * from './run-main';
