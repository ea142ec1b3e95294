// cluster-key-slot (ioredis' own dependency) ships no types: the Redis Cluster slot of a key,
// after its {hash tag} if it has one (CRC16 mod 16384).
declare module "cluster-key-slot" {
  function calculateSlot(key: string): number;
  export default calculateSlot;
}
