import { understand } from '../src/nlu/index.ts';
for (const t of ["邻居拿着刀冲到我家门口了 快来人","邻居为地界跟我吵了好几回，还说要砍我","申请低保要带什么材料","他又来了，在砸门，救命","@村小助 我被家暴了"]) { const u = understand(t,{mentioned:true}); console.log(t, u.intent, u.topics, u.urgent); }
