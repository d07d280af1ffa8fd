CREATE TABLE "activity_period_rollups" (
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"figures" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "activity_period_rollups_scope_period_pk" PRIMARY KEY("scope","period")
);
--> statement-breakpoint
-- activity_period_rollups holds the rows of activity_rollups whose scope is a commune
-- (`insee:`) or a quartier (`quartier:`), grouped by scope and period: a city's page reads a
-- dozen rows there instead of some 330 scattered over the national table. These triggers
-- keep it equal to activity_rollups whoever writes there (recordActivity, refreshStateFigures,
-- a backfill, a bot of the previous release still running during an upgrade): once per
-- statement, one set-based upsert of the rows it changed, in key order (two transactions
-- lock the same rows in the same order). A metric's value is copied, not added: the copy of a
-- row is right as soon as the row is written again. No statement changes a row's scope,
-- period or metric; one that did would leave the old key in its copy.
CREATE FUNCTION copy_city_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM activity_period_rollups;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE activity_period_rollups f SET figures = f.figures - gone.metrics
    FROM (
      SELECT scope, period, array_agg(metric) AS metrics FROM changed_rollups
      WHERE scope LIKE 'insee:%' OR scope LIKE 'quartier:%'
      GROUP BY scope, period
    ) gone
    WHERE f.scope = gone.scope AND f.period = gone.period;
    DELETE FROM activity_period_rollups f
    USING (SELECT DISTINCT scope, period FROM changed_rollups) gone
    WHERE f.scope = gone.scope AND f.period = gone.period AND f.figures = '{}'::jsonb;
  ELSE
    INSERT INTO activity_period_rollups AS f (scope, period, figures)
    SELECT scope, period, jsonb_object_agg(metric, value)
    FROM changed_rollups
    WHERE scope LIKE 'insee:%' OR scope LIKE 'quartier:%'
    GROUP BY scope, period
    ORDER BY scope, period
    ON CONFLICT (scope, period) DO UPDATE SET figures = f.figures || excluded.figures;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER activity_rollups_inserted AFTER INSERT ON activity_rollups
  REFERENCING NEW TABLE AS changed_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION copy_city_rollups();
--> statement-breakpoint
CREATE TRIGGER activity_rollups_updated AFTER UPDATE ON activity_rollups
  REFERENCING NEW TABLE AS changed_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION copy_city_rollups();
--> statement-breakpoint
CREATE TRIGGER activity_rollups_deleted AFTER DELETE ON activity_rollups
  REFERENCING OLD TABLE AS changed_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION copy_city_rollups();
--> statement-breakpoint
CREATE TRIGGER activity_rollups_truncated AFTER TRUNCATE ON activity_rollups
  FOR EACH STATEMENT EXECUTE FUNCTION copy_city_rollups();
--> statement-breakpoint
-- The rows already there. The triggers above hold a lock on activity_rollups until the
-- migrations commit, so no row is written between this copy and the triggers taking over.
INSERT INTO activity_period_rollups (scope, period, figures)
SELECT scope, period, jsonb_object_agg(metric, value)
FROM activity_rollups
WHERE scope LIKE 'insee:%' OR scope LIKE 'quartier:%'
GROUP BY scope, period;
