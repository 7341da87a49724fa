export * from './signed-messages';
