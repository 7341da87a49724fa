/** The failure drill: steady orders from careful clients while parts of the system fail. */
export {
  runFailureDrill,
  faultTable,
  workTable,
  type DrillOptions,
  type DrillResult,
} from './drill';
export { assertDrillInvariants } from './drill-invariants';
export { OrderStream, prepareShop, type DrillShop } from './order-stream';
