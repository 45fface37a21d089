<?php
/**
 * Tables, options and capabilities: activation, reset and removal.
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's database schema.
 *
 * Core state (what the direct path reads): members, spaces, content, votes
 * (with retractions), accepted, flags, automod. Ingest bookkeeping: seen
 * (event ids, for idempotency) and held (events waiting for an entity).
 * Aggregator rollups (what the aggregate path reads): agg_daily,
 * agg_member_day, agg_space_day, agg_space_author_day, agg_flag_response,
 * and the month blocks agg_member_month and agg_space_author_month: the
 * same counters summed per calendar month (keyed by the month's first
 * day), so that a long range reads one row per member and month instead of
 * one per member and day (at 1 M events a year is 131 k rows instead of
 * 496 k).
 *
 * Ids are VARBINARY: compared byte by byte, no trailing-space padding, no
 * case folding, so "a" and "a " and "A" are three ids, as in JavaScript.
 */
class Jetonomy_Analytics_Schema {

	const DB_VERSION = '3';

	const TABLES = array(
		'seen',
		'held',
		'members',
		'spaces',
		'content',
		'votes',
		'accepted',
		'flags',
		'automod',
		'agg_daily',
		'agg_member_day',
		'agg_space_day',
		'agg_space_author_day',
		'agg_member_month',
		'agg_space_author_month',
		'agg_flag_response',
	);

	const ROLLUP_TABLES = array( 'agg_daily', 'agg_member_day', 'agg_space_day', 'agg_space_author_day', 'agg_member_month', 'agg_space_author_month', 'agg_flag_response' );

	/**
	 * Full name of one of the plugin's tables.
	 *
	 * @param string $name Short name (see TABLES).
	 * @return string
	 */
	public static function table( $name ) {
		global $wpdb;
		return $wpdb->prefix . 'jetonomy_' . $name;
	}

	/**
	 * The CREATE TABLE statements, in dbDelta's format.
	 *
	 * @return string[]
	 */
	public static function statements() {
		global $wpdb;
		$c   = $wpdb->get_charset_collate();
		$t   = array();
		$id  = 'varbinary(255)';
		$out = array();
		foreach ( self::TABLES as $name ) {
			$t[ $name ] = self::table( $name );
		}

		$out[] = "CREATE TABLE {$t['seen']} (
  id_hash binary(16) NOT NULL,
  PRIMARY KEY  (id_hash)
) $c;";

		$out[] = "CREATE TABLE {$t['held']} (
  seq bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  wait_kind tinyint(3) unsigned NOT NULL,
  wait_id $id NOT NULL,
  body longblob NOT NULL,
  PRIMARY KEY  (seq),
  KEY wait (wait_kind,wait_id)
) $c;";

		$out[] = "CREATE TABLE {$t['members']} (
  id $id NOT NULL,
  joined_at bigint(20) NOT NULL,
  join_eid blob NOT NULL,
  joined_day date NOT NULL,
  display_name longtext NOT NULL,
  name_at bigint(20) NOT NULL,
  name_eid blob NOT NULL,
  avatar_url longtext NULL,
  avatar_at bigint(20) NULL,
  avatar_eid blob NULL,
  trust_level tinyint(3) unsigned NOT NULL DEFAULT 0,
  trust_at bigint(20) NOT NULL,
  trust_eid blob NOT NULL,
  agg_gen int(11) NOT NULL DEFAULT 0,
  agg_day date NULL,
  PRIMARY KEY  (id),
  KEY joined_day (joined_day)
) $c;";

		$out[] = "CREATE TABLE {$t['spaces']} (
  id $id NOT NULL,
  name longtext NOT NULL,
  kind tinyint(3) unsigned NOT NULL,
  created_at bigint(20) NOT NULL,
  create_eid blob NOT NULL,
  PRIMARY KEY  (id)
) $c;";

		$out[] = "CREATE TABLE {$t['content']} (
  id $id NOT NULL,
  kind tinyint(3) unsigned NOT NULL,
  space_id $id NOT NULL,
  author_id $id NOT NULL,
  parent_id $id NULL,
  created_at bigint(20) NOT NULL,
  create_eid blob NOT NULL,
  created_day date NOT NULL,
  status tinyint(3) unsigned NOT NULL,
  status_at bigint(20) NOT NULL,
  status_eid blob NOT NULL,
  agg_gen int(11) NOT NULL DEFAULT 0,
  agg_day date NULL,
  agg_bits tinyint(3) unsigned NOT NULL DEFAULT 0,
  agg_space $id NULL,
  agg_author $id NULL,
  PRIMARY KEY  (id),
  KEY counted (status,created_day,kind,space_id,author_id),
  KEY by_space (space_id,status,author_id,created_day,kind)
) $c;";

		$out[] = "CREATE TABLE {$t['votes']} (
  id $id NOT NULL,
  is_cast tinyint(3) unsigned NOT NULL DEFAULT 0,
  is_retracted tinyint(3) unsigned NOT NULL DEFAULT 0,
  content_id $id NULL,
  voter_id $id NULL,
  value tinyint(4) NOT NULL DEFAULT 0,
  cast_at bigint(20) NULL,
  cast_eid blob NULL,
  cast_day date NULL,
  agg_gen int(11) NOT NULL DEFAULT 0,
  agg_day date NULL,
  agg_up tinyint(3) unsigned NOT NULL DEFAULT 0,
  agg_voter $id NULL,
  PRIMARY KEY  (id),
  KEY cast_day (cast_day,is_cast,is_retracted,value,voter_id)
) $c;";

		$out[] = "CREATE TABLE {$t['accepted']} (
  question_id $id NOT NULL,
  answer_id $id NULL,
  decided_at bigint(20) NOT NULL,
  decided_eid blob NOT NULL,
  accepted_day date NOT NULL,
  agg_gen int(11) NOT NULL DEFAULT 0,
  agg_day date NULL,
  agg_member $id NULL,
  PRIMARY KEY  (question_id),
  KEY answer_id (answer_id),
  KEY accepted_day (accepted_day,answer_id)
) $c;";

		$out[] = "CREATE TABLE {$t['flags']} (
  id $id NOT NULL,
  content_id $id NOT NULL,
  reporter_id $id NOT NULL,
  raised_at bigint(20) NOT NULL,
  raise_eid blob NOT NULL,
  raised_day date NOT NULL,
  resolved_at bigint(20) NULL,
  resolve_eid blob NULL,
  resolution longtext NULL,
  agg_gen int(11) NOT NULL DEFAULT 0,
  agg_day date NULL,
  agg_open tinyint(3) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (id),
  KEY raised_day (raised_day)
) $c;";

		$out[] = "CREATE TABLE {$t['automod']} (
  seq bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  rule_id $id NOT NULL,
  content_id $id NOT NULL,
  at bigint(20) NOT NULL,
  day date NOT NULL,
  agg_gen int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (seq),
  KEY day (day)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_daily']} (
  day date NOT NULL,
  posts int(11) NOT NULL DEFAULT 0,
  replies int(11) NOT NULL DEFAULT 0,
  questions_asked int(11) NOT NULL DEFAULT 0,
  questions_resolved int(11) NOT NULL DEFAULT 0,
  upvotes int(11) NOT NULL DEFAULT 0,
  downvotes int(11) NOT NULL DEFAULT 0,
  accepted_answers int(11) NOT NULL DEFAULT 0,
  new_members int(11) NOT NULL DEFAULT 0,
  flags_raised int(11) NOT NULL DEFAULT 0,
  flags_open int(11) NOT NULL DEFAULT 0,
  automod int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (day)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_member_day']} (
  day date NOT NULL,
  member_id $id NOT NULL,
  posts int(11) NOT NULL DEFAULT 0,
  replies int(11) NOT NULL DEFAULT 0,
  accepted int(11) NOT NULL DEFAULT 0,
  votes int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (day,member_id),
  KEY by_member (member_id,day,posts,replies,accepted,votes)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_space_day']} (
  day date NOT NULL,
  space_id $id NOT NULL,
  posts int(11) NOT NULL DEFAULT 0,
  replies int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (day,space_id)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_space_author_day']} (
  day date NOT NULL,
  space_id $id NOT NULL,
  author_id $id NOT NULL,
  items int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (day,space_id,author_id),
  KEY by_space (space_id,author_id,day,items)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_member_month']} (
  month date NOT NULL,
  member_id $id NOT NULL,
  posts int(11) NOT NULL DEFAULT 0,
  replies int(11) NOT NULL DEFAULT 0,
  accepted int(11) NOT NULL DEFAULT 0,
  votes int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (month,member_id),
  KEY by_member (member_id,month,posts,replies,accepted,votes)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_space_author_month']} (
  month date NOT NULL,
  space_id $id NOT NULL,
  author_id $id NOT NULL,
  items int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY  (month,space_id,author_id),
  KEY by_space (space_id,author_id,month,items)
) $c;";

		$out[] = "CREATE TABLE {$t['agg_flag_response']} (
  flag_id $id NOT NULL,
  raised_day date NOT NULL,
  response_ms bigint(20) NOT NULL,
  PRIMARY KEY  (flag_id),
  KEY raised_day (raised_day)
) $c;";

		return $out;
	}

	/**
	 * Creates or upgrades the tables; grants the capabilities.
	 */
	public static function install() {
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$previous = get_option( 'jetonomy_analytics_db_version', false );
		dbDelta( self::statements() );
		self::drop_replaced_indexes();
		if ( false !== $previous && (int) $previous < 3 ) {
			self::fill_month_blocks();
		}
		update_option( 'jetonomy_analytics_db_version', self::DB_VERSION, false );
		if ( false === get_option( 'jetonomy_analytics_agg_gen', false ) ) {
			update_option( 'jetonomy_analytics_agg_gen', 1, false );
		}
		if ( false === get_option( 'jetonomy_analytics_zone', false ) ) {
			update_option( 'jetonomy_analytics_zone', wp_timezone_string(), false );
		}
		$role = get_role( 'administrator' );
		if ( $role ) {
			$role->add_cap( 'jetonomy_view_analytics' );
			$role->add_cap( 'jetonomy_ingest_analytics' );
		}
	}

	/**
	 * Drops the indexes of earlier versions that a later one replaced, which
	 * dbDelta() leaves in place: content.space_id (version 1), which
	 * by_space (space_id, …) covers.
	 */
	private static function drop_replaced_indexes() {
		global $wpdb;
		$content = self::table( 'content' );
		// phpcs:ignore WordPress.DB -- a table name from $wpdb->prefix, no values; schema changes are not cached.
		if ( $wpdb->get_var( $wpdb->prepare( "SHOW INDEX FROM $content WHERE Key_name = %s", 'space_id' ) ) ) {
			$wpdb->query( "ALTER TABLE $content DROP INDEX space_id" ); // phpcs:ignore WordPress.DB
		}
	}

	/**
	 * Fills the month blocks (new in version 3) from the day rollups, which
	 * they sum exactly.
	 */
	private static function fill_month_blocks() {
		global $wpdb;
		$t = array();
		foreach ( array( 'agg_member_day', 'agg_member_month', 'agg_space_author_day', 'agg_space_author_month' ) as $name ) {
			$t[ $name ] = self::table( $name );
		}
		$wpdb->query( "SELECT GET_LOCK('jetonomy_analytics_ingest', 600)" );
		// phpcs:disable WordPress.DB -- table names from $wpdb->prefix, no values.
		$wpdb->query( "TRUNCATE TABLE {$t['agg_member_month']}" );
		$wpdb->query( "TRUNCATE TABLE {$t['agg_space_author_month']}" );
		$wpdb->query( "INSERT INTO {$t['agg_member_month']} (month, member_id, posts, replies, accepted, votes) SELECT DATE_FORMAT(day, '%Y-%m-01'), member_id, SUM(posts), SUM(replies), SUM(accepted), SUM(votes) FROM {$t['agg_member_day']} GROUP BY 1, member_id" );
		$wpdb->query( "INSERT INTO {$t['agg_space_author_month']} (month, space_id, author_id, items) SELECT DATE_FORMAT(day, '%Y-%m-01'), space_id, author_id, SUM(items) FROM {$t['agg_space_author_day']} GROUP BY 1, space_id, author_id" );
		// phpcs:enable
		$wpdb->query( "SELECT RELEASE_LOCK('jetonomy_analytics_ingest')" );
	}

	/**
	 * Empties every plugin table and forgets the aggregator's settings:
	 * afterwards the aggregator records the whole history again (`recording_since: null`).
	 */
	public static function reset() {
		global $wpdb;
		foreach ( self::TABLES as $name ) {
			$wpdb->query( 'TRUNCATE TABLE ' . self::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- table name from $wpdb->prefix.
		}
		delete_option( 'jetonomy_analytics_recording_since' );
		delete_option( 'jetonomy_analytics_aggregator_stopped' );
		update_option( 'jetonomy_analytics_agg_gen', 1, false );
		update_option( 'jetonomy_analytics_zone', wp_timezone_string(), false );
	}

	/**
	 * Drops the tables, options and capabilities (uninstall).
	 */
	public static function uninstall() {
		global $wpdb;
		foreach ( self::TABLES as $name ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . self::table( $name ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- table name from $wpdb->prefix.
		}
		foreach ( array( 'jetonomy_analytics_db_version', 'jetonomy_analytics_recording_since', 'jetonomy_analytics_aggregator_stopped', 'jetonomy_analytics_agg_gen', 'jetonomy_analytics_zone' ) as $option ) {
			delete_option( $option );
		}
		foreach ( wp_roles()->role_objects as $role ) {
			$role->remove_cap( 'jetonomy_view_analytics' );
			$role->remove_cap( 'jetonomy_ingest_analytics' );
		}
	}
}
