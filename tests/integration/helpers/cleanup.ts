import type pg from 'pg';

/**
 * The database is shared by every test file: leave no open incident and none of
 * this run's services behind (incidents and their timelines cannot be deleted).
 */
export async function closeIncidentsAndDropServices(pool: pg.Pool, run: string) {
  await pool.query(`UPDATE incidents SET status = 'closed', closed_at = now(), updated_at = now() WHERE status <> 'closed'`);
  await pool.query(`DELETE FROM services WHERE name LIKE $1`, [`%-${run}`]);
}
