<?php
/**
 * The aggregator's settings: recording since, running or stopped, the
 * generation of the rollups, and the zone the stored local days are in.
 *
 * Rollup contributions are recorded on each entity row (agg_gen, agg_day, …).
 * A row's recorded contribution is valid only when its agg_gen equals the
 * current generation, so restarting is O(1): empty the rollups, bump the
 * generation, set T. Entities then count again when a change of theirs is
 * applied (no backfill), by the rules of docs/semantics.md.
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * Aggregator control.
 */
class Jetonomy_Analytics_Aggregator {

	/**
	 * Whether rollups are being maintained.
	 *
	 * @return bool
	 */
	public static function is_running() {
		return ! get_option( 'jetonomy_analytics_aggregator_stopped', false );
	}

	/**
	 * Recording since (epoch ms), or null when the rollups hold the whole history.
	 *
	 * @return int|null
	 */
	public static function since() {
		$since = get_option( 'jetonomy_analytics_recording_since', null );
		return ( null === $since || '' === $since || false === $since ) ? null : (int) $since;
	}

	/**
	 * The rollups' generation.
	 *
	 * @return int
	 */
	public static function generation() {
		return (int) get_option( 'jetonomy_analytics_agg_gen', 1 );
	}

	/**
	 * Empties the rollups and records from `$since_ms` (default: now). No backfill.
	 *
	 * @param int|null $since_ms Epoch ms.
	 * @return int The recording-since value set.
	 */
	public static function restart( $since_ms = null ) {
		global $wpdb;
		$since = null === $since_ms ? Jetonomy_Analytics_Dates::now_ms() : (int) $since_ms;
		$wpdb->query( "SELECT GET_LOCK('jetonomy_analytics_ingest', 60)" );
		foreach ( Jetonomy_Analytics_Schema::ROLLUP_TABLES as $name ) {
			$wpdb->query( 'TRUNCATE TABLE ' . Jetonomy_Analytics_Schema::table( $name ) ); // phpcs:ignore WordPress.DB
		}
		update_option( 'jetonomy_analytics_agg_gen', self::generation() + 1, false );
		update_option( 'jetonomy_analytics_recording_since', $since, false );
		delete_option( 'jetonomy_analytics_aggregator_stopped' );
		$wpdb->query( "SELECT RELEASE_LOCK('jetonomy_analytics_ingest')" );
		return $since;
	}

	/**
	 * Stops maintaining the rollups (they keep what they have; the aggregate path reads them as they are).
	 */
	public static function stop() {
		update_option( 'jetonomy_analytics_aggregator_stopped', 1, false );
	}

	/**
	 * The aggregator's state, as the admin route reports it.
	 *
	 * @return array
	 */
	public static function state() {
		return array(
			'running'         => self::is_running(),
			'recording_since' => self::since(),
			'generation'      => self::generation(),
			'time_zone'       => (string) get_option( 'jetonomy_analytics_zone', wp_timezone_string() ),
		);
	}

	/**
	 * When the site zone changed since the local days were stored, recomputes
	 * every stored day and rebuilds the rollups of what they had counted.
	 */
	public static function check_zone() {
		$zone = wp_timezone_string();
		if ( get_option( 'jetonomy_analytics_zone', $zone ) === $zone ) {
			return;
		}
		self::rebuild_days();
	}

	/**
	 * Recomputes the local days of every state row in the current site zone,
	 * then recounts, in the rollups, exactly the entities they counted.
	 */
	public static function rebuild_days() {
		global $wpdb;
		$wpdb->query( "SELECT GET_LOCK('jetonomy_analytics_ingest', 600)" );
		$dates = new Jetonomy_Analytics_Dates( wp_timezone() );
		$days  = array(
			'members'  => array( 'id', array( 'joined_day' => 'joined_at' ) ),
			'content'  => array( 'id', array( 'created_day' => 'created_at' ) ),
			'votes'    => array( 'id', array( 'cast_day' => 'cast_at' ) ),
			'accepted' => array( 'question_id', array( 'accepted_day' => 'decided_at' ) ),
			'flags'    => array( 'id', array( 'raised_day' => 'raised_at' ) ),
			'automod'  => array( 'seq', array( 'day' => 'at' ) ),
		);
		foreach ( $days as $short => $spec ) {
			list( $key, $map ) = $spec;
			$table = Jetonomy_Analytics_Schema::table( $short );
			$day   = key( $map );
			$ms    = $map[ $day ];
			$last  = 'seq' === $key ? 0 : '';
			do {
				if ( 'seq' === $key ) {
					$rows = $wpdb->get_results( $wpdb->prepare( "SELECT $key AS k, $ms AS ms FROM $table WHERE $key > %d ORDER BY $key LIMIT 2000", (int) $last ), ARRAY_A ); // phpcs:ignore WordPress.DB
				} else {
					$rows = $wpdb->get_results( $wpdb->prepare( "SELECT $key AS k, $ms AS ms FROM $table WHERE $key > %s ORDER BY $key LIMIT 2000", $last ), ARRAY_A ); // phpcs:ignore WordPress.DB
				}
				$cases = array();
				$ids   = array();
				foreach ( (array) $rows as $row ) {
					$last = $row['k'];
					if ( null === $row['ms'] ) {
						continue;
					}
					$cases[] = $wpdb->prepare( 'WHEN %s THEN %s', $row['k'], $dates->date_of( (int) $row['ms'] ) ); // phpcs:ignore WordPress.DB
					$ids[]   = $row['k'];
				}
				if ( $ids ) {
					$in = implode( ',', array_fill( 0, count( $ids ), '%s' ) );
					$wpdb->query( $wpdb->prepare( "UPDATE $table SET $day = CASE $key " . implode( ' ', $cases ) . " ELSE $day END WHERE $key IN ($in)", $ids ) ); // phpcs:ignore WordPress.DB
				}
			} while ( count( (array) $rows ) === 2000 );
		}

		// Recount: rows counted in this generation are marked -1 (nothing recorded), then recomputed.
		$gen = self::generation();
		foreach ( Jetonomy_Analytics_Schema::ROLLUP_TABLES as $name ) {
			$wpdb->query( 'TRUNCATE TABLE ' . Jetonomy_Analytics_Schema::table( $name ) ); // phpcs:ignore WordPress.DB
		}
		foreach ( array( 'accepted', 'content', 'votes', 'flags', 'members', 'automod' ) as $short ) {
			$table = Jetonomy_Analytics_Schema::table( $short );
			$wpdb->query( $wpdb->prepare( "UPDATE $table SET agg_gen = -1 WHERE agg_gen = %d", $gen ) ); // phpcs:ignore WordPress.DB
		}
		update_option( 'jetonomy_analytics_zone', wp_timezone_string(), false );
		foreach ( array( 'accepted' => 'question_id', 'content' => 'id', 'votes' => 'id', 'flags' => 'id', 'members' => 'id' ) as $short => $key ) {
			$table = Jetonomy_Analytics_Schema::table( $short );
			do {
				$ids = $wpdb->get_col( "SELECT $key FROM $table WHERE agg_gen = -1 LIMIT 5000" ); // phpcs:ignore WordPress.DB
				if ( $ids ) {
					Jetonomy_Analytics_Ingest::recount( $short, $ids );
					$in = implode( ',', array_fill( 0, count( $ids ), '%s' ) );
					// Rows whose recount added nothing: recorded as "nothing counted" in this generation.
					$wpdb->query( $wpdb->prepare( "UPDATE $table SET agg_gen = %d, agg_day = NULL WHERE agg_gen = -1 AND $key IN ($in)", array_merge( array( $gen ), $ids ) ) ); // phpcs:ignore WordPress.DB
				}
			} while ( count( $ids ) === 5000 );
		}
		$automod = Jetonomy_Analytics_Schema::table( 'automod' );
		$daily   = Jetonomy_Analytics_Schema::table( 'agg_daily' );
		$wpdb->query( "INSERT INTO $daily (day, automod) SELECT day, COUNT(*) FROM $automod WHERE agg_gen = -1 GROUP BY day ON DUPLICATE KEY UPDATE automod = automod + VALUES(automod)" ); // phpcs:ignore WordPress.DB
		$wpdb->query( $wpdb->prepare( "UPDATE $automod SET agg_gen = %d WHERE agg_gen = -1", $gen ) ); // phpcs:ignore WordPress.DB
		$wpdb->query( "SELECT RELEASE_LOCK('jetonomy_analytics_ingest')" );
	}
}
