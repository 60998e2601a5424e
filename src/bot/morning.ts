// The bot's night replies wait for the same morning as the workers' SLA notices: one rule, kept in config.
export { quietEnds } from '../config/quiet.js';
